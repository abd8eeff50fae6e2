package dev.tollgate.engine.plugin;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderRunner;
import dev.tollgate.spi.ProviderAdapter;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The provider adapters, coder adapters and coder runners found in the plugins folder. A jar that cannot be loaded or started is
 * named in {@link #problems()} and skipped; the others keep working.
 */
public final class ProviderPlugins implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderPlugins.class);

    private final PluginManager manager;
    private final Map<String, ProviderAdapter> adapters;
    private final List<CoderAdapter> coders;
    private final Map<String, CoderRunner> coderRunners;
    private final List<String> problems;

    private ProviderPlugins(PluginManager manager, Map<String, ProviderAdapter> adapters, List<CoderAdapter> coders,
                            Map<String, CoderRunner> coderRunners, List<String> problems) {
        this.manager = manager;
        this.adapters = Collections.unmodifiableMap(adapters);
        this.coders = List.copyOf(coders);
        this.coderRunners = Collections.unmodifiableMap(coderRunners);
        this.problems = List.copyOf(problems);
    }

    public static ProviderPlugins load(Path pluginsDir) {
        PluginManager manager = new DefaultPluginManager(pluginsDir);
        manager.loadPlugins();
        manager.startPlugins();
        List<String> problems = new ArrayList<>();
        Set<Path> loaded = new HashSet<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            loaded.add(plugin.getPluginPath().toAbsolutePath().normalize());
            if (plugin.getPluginState() != PluginState.STARTED) {
                Throwable why = plugin.getFailedException();
                problems.add("plugin '" + plugin.getPluginId() + "' (" + plugin.getPluginPath().getFileName() + ") is "
                        + plugin.getPluginState() + (why == null ? "" : ": " + why.getMessage()));
            }
        }
        for (Path jar : pluginFiles(pluginsDir)) {
            if (!loaded.contains(jar.toAbsolutePath().normalize())) {
                problems.add("plugin file " + jar.getFileName() + " could not be loaded (not a valid PF4J plugin; see the log above)");
            }
        }
        Map<String, ProviderAdapter> adapters = new LinkedHashMap<>();
        for (ProviderAdapter adapter : manager.getExtensions(ProviderAdapter.class)) {
            ProviderAdapter previous = adapters.putIfAbsent(adapter.id(), adapter);
            if (previous != null) {
                problems.add("two plugins provide the adapter '" + adapter.id() + "'; using "
                        + previous.getClass().getName() + ", ignoring " + adapter.getClass().getName());
            }
        }
        Map<String, CoderAdapter> coders = new LinkedHashMap<>();
        for (CoderAdapter coder : manager.getExtensions(CoderAdapter.class)) {
            CoderAdapter previous = coders.putIfAbsent(coder.id(), coder);
            if (previous != null) {
                problems.add("two plugins recognise the coder '" + coder.id() + "'; using "
                        + previous.getClass().getName() + ", ignoring " + coder.getClass().getName());
            }
        }
        Map<String, CoderRunner> coderRunners = new LinkedHashMap<>();
        for (CoderRunner runner : manager.getExtensions(CoderRunner.class)) {
            CoderRunner previous = coderRunners.putIfAbsent(runner.id(), runner);
            if (previous != null) {
                problems.add("two plugins provide the coder runner '" + runner.id() + "'; using "
                        + previous.getClass().getName() + ", ignoring " + runner.getClass().getName());
            }
        }
        problems.forEach(LOG::warn);
        return new ProviderPlugins(manager, adapters, List.copyOf(coders.values()), coderRunners, problems);
    }

    private static List<Path> pluginFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".zip")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The adapters by id ({@code plugin:} in providers config). */
    public Map<String, ProviderAdapter> adapters() {
        return adapters;
    }

    /** The coder adapters, each recognising one coder. */
    public List<CoderAdapter> coders() {
        return coders;
    }

    /** The coder runners plugins provide, by id ({@code runner:} of a coder in workflows.yaml). */
    public Map<String, CoderRunner> coderRunners() {
        return coderRunners;
    }

    /** One line per plugin that was skipped, naming it. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public void close() {
        // unloadPlugins() stops each plugin first; PF4J's stopPlugins() fails on its own list while iterating.
        manager.unloadPlugins();
    }
}
