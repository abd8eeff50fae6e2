package dev.tollgate.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tollgate}: the gateway's command line. */
@Command(name = "tollgate", mixinStandardHelpOptions = true, version = "tollgate 0.1.0",
        description = "A self-hosted, policy-driven LLM gateway.",
        subcommands = {ServeCommand.class, CheckCommand.class, ExplainCommand.class, RunCommand.class, ConnectCommand.class,
                PluginsCommand.class, ModelsCommand.class, ReportCommand.class, HashKeyCommand.class})
public final class TollgateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        // With two CPUs or fewer the common ForkJoinPool gets one thread, and CompletableFuture's default async executor
        // then starts a new thread per task. java.net.http.HttpClient hands every sendAsync result to that executor
        // (HttpClientImpl's ASYNC_POOL), so each upstream call started and ended a thread: a sixth of the gateway's CPU
        // under load on a 2-core machine (bench/README.md). Two common-pool threads reuse threads instead. This must run
        // before anything loads CompletableFuture; a value the user set with -D wins.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        System.exit(new CommandLine(new TollgateCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
