package dev.tollgate.engine.config;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code config/overlay.yaml}: where the dashboard's config changes are kept, as an {@code overlay} section
 * (see {@link ConfigOverlay}) that a person can read, edit and commit. Written whole, by rename, so that the
 * file watcher never reads half of it.
 */
public final class OverlayFile {
    public static final String NAME = "overlay.yaml";
    private static final String HEADER = """
            # Changes made in the dashboard, laid over the other files in config/ (they win).
            # Edit or delete entries freely; commit this file to keep the changes.
            """;

    private final Path file;

    public OverlayFile(Path configDir) {
        this.file = configDir.resolve(NAME);
    }

    /** The file's text, or {@code null} when there is none. */
    public synchronized String text() throws IOException {
        return Files.exists(file) ? Files.readString(file) : null;
    }

    /**
     * Sets the value at {@code path} (section, entry, key…; under {@code routes}, the route's name) and
     * writes the file.
     *
     * @return the text before the change ({@code null}: there was no file), for {@link #restore}
     */
    public synchronized String set(List<String> path, Object value) throws IOException {
        String before = text();
        Map<String, Object> overlay = sections(before);
        Map<String, Object> at = overlay;
        for (String key : path.subList(0, path.size() - 1)) {
            Object next = at.get(key);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                at.put(key, next);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> child = (Map<String, Object>) next;
            at = child;
        }
        at.put(path.get(path.size() - 1), value);
        write(HEADER + new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
                .dumpToString(Map.of(ConfigOverlay.SECTION, overlay)));
        return before;
    }

    /** Puts back the text {@link #set} returned. */
    public synchronized void restore(String before) throws IOException {
        if (before == null) {
            Files.deleteIfExists(file);
        } else {
            write(before);
        }
    }

    private static Map<String, Object> sections(String text) {
        if (text == null) {
            return new LinkedHashMap<>();
        }
        Object root = new Load(LoadSettings.builder().build()).loadFromString(text);
        if (root instanceof Map<?, ?> map && map.get(ConfigOverlay.SECTION) instanceof Map<?, ?> sections) {
            return deepCopy(sections);
        }
        return new LinkedHashMap<>();
    }

    private static Map<String, Object> deepCopy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value instanceof Map<?, ?> child ? deepCopy(child) : value));
        return copy;
    }

    private void write(String text) throws IOException {
        Path temporary = file.resolveSibling("." + NAME + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
