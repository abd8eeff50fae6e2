package dev.tollgate.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary folders the tests make for themselves (a gateway's home, a fuzz input's config or rules). */
public final class TempFolders {
    private TempFolders() {
    }

    /** Deletes {@code folder} and everything in it, as far as it can (best effort: a test's leftovers, not its result). */
    public static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
