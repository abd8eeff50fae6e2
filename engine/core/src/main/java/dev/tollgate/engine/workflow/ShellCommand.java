package dev.tollgate.engine.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a process with a time limit, its output kept (the tail of it) for the run report. */
final class ShellCommand {
    static final int KEPT_OUTPUT_CHARS = 4000;

    /**
     * @param exitCode {@code -1} when it was stopped at the time limit
     * @param output   the tail of stdout and stderr, merged
     */
    record Outcome(int exitCode, boolean timedOut, String output) {
    }

    private ShellCommand() {
    }

    /** {@code sh -c command}: the check and score commands are written as a shell would take them. */
    static Outcome shell(String command, Path workdir, Map<String, String> env, String stdin, Duration limit)
            throws IOException, InterruptedException {
        return run(List.of("sh", "-c", command), workdir, env, stdin, limit);
    }

    static Outcome run(List<String> command, Path workdir, Map<String, String> env, String stdin, Duration limit)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        // Read concurrently: a process whose output fills the pipe would otherwise never exit.
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (output) {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (output.length() > 4 * KEPT_OUTPUT_CHARS) {
                            output.delete(0, output.length() - KEPT_OUTPUT_CHARS);
                        }
                    }
                }
            } catch (IOException ignored) {
                // The process was stopped: what was read so far is kept.
            }
        }, "tollgate-command-output");
        reader.setDaemon(true);
        reader.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // The command did not read its input; that is its choice.
        }
        boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(2000);
        String text;
        synchronized (output) {
            text = output.length() > KEPT_OUTPUT_CHARS ? output.substring(output.length() - KEPT_OUTPUT_CHARS)
                    : output.toString();
        }
        return new Outcome(exited ? process.exitValue() : -1, !exited, text.strip());
    }
}
