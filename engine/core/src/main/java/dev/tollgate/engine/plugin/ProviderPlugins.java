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
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The provider adapters, coder adapters and coder runners found in the plugins folder. A jar that cannot be loaded or started (not a
 * plugin, a bad manifest, a class its extension index names but it lacks, an exception at start)
 * is named in {@link #problems()} and skipped; the others keep working. {@link #reload()} takes in
 * jars added, replaced or removed since, so that plugins can be dropped in while the gateway runs.
 */
public final class ProviderPlugins implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderPlugins.class);

    /**
     * One file of the plugins folder and what became of it.
     *
     * @param file     the file name
     * @param id       the plugin id from its manifest, or {@code null} when it could not be read
     * @param version  the plugin version, or {@code null}
     * @param state    PF4J's state ({@code STARTED}, {@code FAILED}, …), or {@code BROKEN} when it did not load at all
     * @param adapters     the ids of the provider adapters it contributes
     * @param coderRunners the ids of the coder runners it contributes
     * @param problem      what is wrong with it, or {@code null}
     */
    public record PluginStatus(String file, String id, String version, String state, List<String> adapters,
                               List<String> coderRunners, String problem) {
        public PluginStatus {
            adapters = List.copyOf(adapters);
            coderRunners = List.copyOf(coderRunners);
        }
    }

    /** A loaded file, to notice when it is replaced. */
    private record Loaded(String pluginId, FileTime modified, long size) {
    }

    private final Path dir;
    private final PluginManager manager;
    private final Map<Path, Loaded> loaded = new HashMap<>();
    private final Map<Path, String> broken = new HashMap<>();
    private final Map<Path, Loaded> brokenStamps = new HashMap<>();
    private final Map<String, String> problemsByPlugin = new HashMap<>();
    private final Map<String, List<ProviderAdapter>> adaptersByPlugin = new HashMap<>();
    private final Map<String, List<CoderRunner>> runnersByPlugin = new HashMap<>();
    private final Map<String, List<CoderAdapter>> codersByPlugin = new HashMap<>();
    private volatile Map<String, ProviderAdapter> adapters = Map.of();
    private volatile Map<String, CoderRunner> coderRunners = Map.of();
    private volatile List<CoderAdapter> coders = List.of();
    private volatile List<PluginStatus> statuses = List.of();
    private volatile List<String> problems = List.of();

    private ProviderPlugins(Path dir) {
        this.dir = dir;
        this.manager = new DefaultPluginManager(dir);
    }

    public static ProviderPlugins load(Path pluginsDir) {
        ProviderPlugins plugins = new ProviderPlugins(pluginsDir);
        plugins.reload();
        return plugins;
    }

    /**
     * Brings the loaded plugins in line with the folder: unloads plugins whose jar was removed or
     * replaced, loads and starts new or replaced jars one by one. Returns every file's status.
     */
    public synchronized List<PluginStatus> reload() {
        List<Path> files = pluginFiles(dir);
        for (Path file : List.copyOf(loaded.keySet())) {
            Loaded was = loaded.get(file);
            if (!files.contains(file) || changed(file, was)) {
                unload(file, was);
            }
        }
        broken.keySet().retainAll(files);
        for (Path file : files) {
            if (!loaded.containsKey(file) && !(broken.containsKey(file) && !brokenChanged(file))) {
                loadOne(file);
            }
        }
        publish(files);
        return statuses;
    }

    private void loadOne(Path file) {
        broken.remove(file);
        brokenStamps.remove(file);
        String pluginId;
        try {
            pluginId = manager.loadPlugin(file);
        } catch (RuntimeException e) {
            markBroken(file, "not a loadable PF4J plugin: " + message(e));
            return;
        }
        if (pluginId == null) {
            markBroken(file, "not a loadable PF4J plugin (no Plugin-Id in its manifest?)");
            return;
        }
        loaded.put(file, stamp(file, pluginId));
        PluginState state;
        try {
            state = manager.startPlugin(pluginId);
        } catch (RuntimeException e) {
            state = PluginState.FAILED;
            LOG.warn("plugin {} ({}) failed to start", pluginId, file.getFileName(), e);
        }
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (state != PluginState.STARTED) {
            return;
        }
        String missing = missingExtension(plugin);
        if (missing != null) {
            problemsByPlugin.put(pluginId, missing);
            manager.stopPlugin(pluginId);
            return;
        }
        try {
            adaptersByPlugin.put(pluginId, List.copyOf(manager.getExtensions(ProviderAdapter.class, pluginId)));
            runnersByPlugin.put(pluginId, List.copyOf(manager.getExtensions(CoderRunner.class, pluginId)));
            codersByPlugin.put(pluginId, List.copyOf(manager.getExtensions(CoderAdapter.class, pluginId)));
        } catch (RuntimeException | LinkageError e) {
            adaptersByPlugin.remove(pluginId);
            problemsByPlugin.put(pluginId, "its extensions could not be created: " + message(e));
            manager.stopPlugin(pluginId);
        }
    }

    /** The first class the plugin's extension index names that its class loader cannot load, as a problem. */
    private String missingExtension(PluginWrapper plugin) {
        for (String className : manager.getExtensionClassNames(plugin.getPluginId())) {
            try {
                Class.forName(className, false, plugin.getPluginClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return "its extension class " + className + " cannot be loaded: " + message(e);
            }
        }
        return null;
    }

    private void markBroken(Path file, String problem) {
        broken.put(file, problem);
        brokenStamps.put(file, stamp(file, null));
    }

    private boolean brokenChanged(Path file) {
        return changed(file, brokenStamps.get(file));
    }

    private void unload(Path file, Loaded was) {
        loaded.remove(file);
        adaptersByPlugin.remove(was.pluginId());
        runnersByPlugin.remove(was.pluginId());
        codersByPlugin.remove(was.pluginId());
        problemsByPlugin.remove(was.pluginId());
        try {
            manager.unloadPlugin(was.pluginId());
        } catch (RuntimeException e) {
            LOG.warn("plugin {} ({}) did not unload cleanly: {}", was.pluginId(), file.getFileName(), message(e));
        }
    }

    private void publish(List<Path> files) {
        List<PluginStatus> now = new ArrayList<>();
        List<String> found = new ArrayList<>();
        Map<String, ProviderAdapter> byId = new LinkedHashMap<>();
        Map<String, CoderRunner> runnersById = new LinkedHashMap<>();
        Map<String, CoderAdapter> codersById = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (broken.containsKey(file)) {
                now.add(new PluginStatus(name, null, null, "BROKEN", List.of(), List.of(), broken.get(file)));
                found.add("plugin file " + name + " skipped: " + broken.get(file));
                continue;
            }
            Loaded entry = loaded.get(file);
            if (entry == null) {
                continue;
            }
            PluginWrapper plugin = manager.getPlugin(entry.pluginId());
            String problem = problemsByPlugin.get(entry.pluginId());
            if (problem == null && plugin.getPluginState() != PluginState.STARTED) {
                Throwable why = plugin.getFailedException();
                problem = "it is " + plugin.getPluginState() + (why == null ? "" : ": " + message(why));
            }
            List<String> ids = new ArrayList<>();
            for (ProviderAdapter adapter : adaptersByPlugin.getOrDefault(entry.pluginId(), List.of())) {
                ProviderAdapter previous = byId.putIfAbsent(adapter.id(), adapter);
                if (previous != null) {
                    found.add("two plugins provide the adapter '" + adapter.id() + "'; using "
                            + previous.getClass().getName() + ", ignoring " + adapter.getClass().getName() + " from " + name);
                } else {
                    ids.add(adapter.id());
                }
            }
            List<String> runnerIds = new ArrayList<>();
            for (CoderRunner runner : runnersByPlugin.getOrDefault(entry.pluginId(), List.of())) {
                CoderRunner previous = runnersById.putIfAbsent(runner.id(), runner);
                if (previous != null) {
                    found.add("two plugins provide the coder runner '" + runner.id() + "'; using "
                            + previous.getClass().getName() + ", ignoring " + runner.getClass().getName() + " from " + name);
                } else {
                    runnerIds.add(runner.id());
                }
            }
            for (CoderAdapter coder : codersByPlugin.getOrDefault(entry.pluginId(), List.of())) {
                CoderAdapter previous = codersById.putIfAbsent(coder.id(), coder);
                if (previous != null) {
                    found.add("two plugins recognise the coder '" + coder.id() + "'; using "
                            + previous.getClass().getName() + ", ignoring " + coder.getClass().getName() + " from " + name);
                }
            }
            if (problem != null) {
                found.add("plugin '" + entry.pluginId() + "' (" + name + ") skipped: " + problem);
            }
            now.add(new PluginStatus(name, entry.pluginId(), plugin.getDescriptor().getVersion(),
                    problem != null && plugin.getPluginState() == PluginState.STARTED ? "FAILED" : plugin.getPluginState().toString(),
                    ids, runnerIds, problem));
        }
        List<String> before = problems;
        found.stream().filter(p -> !before.contains(p)).forEach(LOG::warn);
        statuses = List.copyOf(now);
        problems = List.copyOf(found);
        adapters = Collections.unmodifiableMap(byId);
        coderRunners = Collections.unmodifiableMap(runnersById);
        coders = List.copyOf(codersById.values());
    }

    private static boolean changed(Path file, Loaded was) {
        Loaded now = stamp(file, null);
        return was == null || !now.modified().equals(was.modified()) || now.size() != was.size();
    }

    private static Loaded stamp(Path file, String pluginId) {
        try {
            return new Loaded(pluginId, Files.getLastModifiedTime(file), Files.size(file));
        } catch (IOException e) {
            return new Loaded(pluginId, FileTime.fromMillis(0), -1);
        }
    }

    private static List<Path> pluginFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".zip"))
                    .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String message(Throwable e) {
        String text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null || text.contains(root.getMessage()) ? text : text + ": " + root.getMessage();
    }

    /** The plugins folder. */
    public Path folder() {
        return dir;
    }

    /** The adapters by id ({@code plugin:} in providers config), as of the latest load. */
    public Map<String, ProviderAdapter> adapters() {
        return adapters;
    }

    /** The coder adapters, each recognising one coder, as of the latest load. */
    public List<CoderAdapter> coders() {
        return coders;
    }

    /** The coder runners plugins provide, by id ({@code runner:} of a coder in workflows.yaml), as of the latest load. */
    public Map<String, CoderRunner> coderRunners() {
        return coderRunners;
    }

    /** Every plugin file and what became of it, as of the latest load. */
    public List<PluginStatus> statuses() {
        return statuses;
    }

    /** One line per plugin file that was skipped, naming it. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public synchronized void close() {
        // unloadPlugins() stops each plugin first; PF4J's stopPlugins() fails on its own list while iterating.
        manager.unloadPlugins();
    }
}
