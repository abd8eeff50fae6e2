package dev.tollgate.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

/**
 * Reloads the policy when a file it is built from changes: the YAML in the config folder, the DRL in
 * the rules folder, the {@code .env} file. Changes are debounced, so that an editor's save (a temporary
 * file renamed over the old one) or several quick writes cause one reload, of the finished files.
 * The same watch, on the plugins folder, takes in plugin jars dropped in while the gateway runs.
 */
final class PolicyFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyFileWatcher.class);
    private static final long QUIET_MILLIS = 300;

    private final WatchService service;
    private final Map<WatchKey, Predicate<String>> relevantNames = new HashMap<>();
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private final Runnable onChange;

    private PolicyFileWatcher(WatchService service, Runnable onChange) {
        this.service = service;
        this.onChange = onChange;
    }

    static PolicyFileWatcher start(PolicyReloader reloader, Path configDir, Path rulesDir, Path envFile) throws IOException {
        PolicyFileWatcher watcher = new PolicyFileWatcher(FileSystems.getDefault().newWatchService(), reloader::reload);
        try {
            watcher.watch(configDir, name -> name.endsWith(".yaml") || name.endsWith(".yml"));
            watcher.watch(rulesDir, name -> name.endsWith(".drl"));
            Path envName = envFile.getFileName();
            watcher.watch(envFile.toAbsolutePath().getParent(), name -> name.equals(envName.toString()));
        } catch (IOException e) {
            watcher.close();
            throw e;
        }
        return watcher.running("tollgate-policy-watcher");
    }

    /**
     * Runs {@code reload} when a jar in the plugins folder is added, replaced or removed; the quiet
     * period lets a copy finish first.
     */
    static PolicyFileWatcher startPlugins(Runnable reload, Path pluginsDir) throws IOException {
        PolicyFileWatcher watcher = new PolicyFileWatcher(FileSystems.getDefault().newWatchService(), reload);
        try {
            watcher.watch(pluginsDir, name -> name.endsWith(".jar") || name.endsWith(".zip"));
        } catch (IOException e) {
            watcher.close();
            throw e;
        }
        return watcher.running("tollgate-plugins-watcher");
    }

    private PolicyFileWatcher running(String threadName) {
        Thread thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void watch(Path folder, Predicate<String> names) throws IOException {
        WatchKey key = folder.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        // Two of the folders may be one: the same key then serves both kinds of file.
        relevantNames.merge(key, names, Predicate::or);
        folders.put(key, folder);
    }

    private void run() {
        try {
            while (true) {
                if (relevant(service.take())) {
                    awaitQuiet();
                    onChange.run();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // Closed with the gateway.
        }
    }

    /** Returns once no relevant change has come for {@link #QUIET_MILLIS}. */
    private void awaitQuiet() throws InterruptedException {
        long quietFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        long remaining;
        while ((remaining = quietFrom - System.nanoTime()) > 0) {
            WatchKey key = service.poll(remaining, TimeUnit.NANOSECONDS);
            if (key != null && relevant(key)) {
                quietFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
            }
        }
    }

    private boolean relevant(WatchKey key) {
        Predicate<String> names = relevantNames.get(key);
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            // After an overflow the events are lost: any file may have changed.
            relevant |= event.kind() == OVERFLOW || names.test(event.context().toString());
        }
        if (!key.reset()) {
            LOG.warn("{} can no longer be watched (deleted or moved?): edits there need a restart or POST /admin/api/reload",
                    folders.get(key));
        }
        return relevant;
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
