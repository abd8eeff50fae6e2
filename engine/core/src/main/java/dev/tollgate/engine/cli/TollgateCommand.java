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

    public static void main(String[] args) {
        System.exit(new CommandLine(new TollgateCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
