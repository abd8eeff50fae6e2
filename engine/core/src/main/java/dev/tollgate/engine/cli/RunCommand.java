package dev.tollgate.engine.cli;

import dev.tollgate.engine.Gateway;
import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.workflow.RunReport;
import dev.tollgate.engine.workflow.Workflows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tollgate run WORKFLOW --task "…" [--repo PATH]}: runs a workflow of workflows.yaml in a gateway started for
 * the run (on a free loopback port, with the same policy, plugins and ledger as {@code serve}), printing a line per
 * branch or stage as it progresses, then the run report. Exit 0 when the run is done, 1 when it is not.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a workflow from config/workflows.yaml: best-of or staged, over models and headless coders.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    PolicyLocation location;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "A workflow of config/workflows.yaml.")
    String workflow;

    @Option(names = "--task", required = true, description = "What the workers are asked to do.")
    String task;

    @Option(names = "--repo", description = "The git repository coder workers branch from (default: none).")
    Path repo;

    @Option(names = "--json", description = "Print the run report as JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Gateway.Options options = new Gateway.Options(location.home(), location.config(), location.rules(),
                location.plugins(), location.envFile(), freePort(), "127.0.0.1");
        Gateway gateway;
        try {
            gateway = Gateway.start(options);
        } catch (ConfigException e) {
            return LoadedPolicy.report(e, "not running", err);
        }
        try (gateway) {
            Workflows.Started started;
            try {
                started = gateway.workflows().start(workflow, task, repo, (run, worker, message) -> {
                    synchronized (out) {
                        out.printf(Locale.ROOT, "[%s] %-14s %s%n", run, worker, message);
                        out.flush();
                    }
                });
            } catch (Workflows.UnknownWorkflow e) {
                err.println("tollgate: " + e.getMessage());
                err.flush();
                return 2;
            }
            RunReport report = started.report().get();
            out.println(json ? dev.tollgate.engine.http.WireJson.write(report) : report.text());
            out.flush();
            return "done".equals(report.status()) ? 0 : 1;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
