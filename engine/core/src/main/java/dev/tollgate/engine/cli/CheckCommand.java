package dev.tollgate.engine.cli;

import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.policy.PolicySnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tollgate check}: loads config/ and rules/ exactly as {@code serve} and a reload do, and
 * prints their problems with file, line and column (exit 2) or a summary and warnings (exit 0).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate config/ and rules/ (and the plugins and keys they name) without starting the gateway.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    PolicyLocation location;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedPolicy loaded = LoadedPolicy.load(location)) {
            PolicySnapshot policy = loaded.snapshot();
            out.println("ok: " + location.config() + " and " + location.rules() + ": " + policy.summary());
            List<String> warnings = new ArrayList<>(loaded.plugins().problems());
            policy.providers().unavailable().forEach((name, reason) -> warnings.add("provider " + name + " cannot be called: " + reason));
            warnings.addAll(policy.keys().problems());
            warnings.forEach(warning -> out.println("warning: " + warning));
            out.flush();
            return 0;
        } catch (ConfigException e) {
            return LoadedPolicy.report(e, "fix them and check again", spec.commandLine().getErr());
        }
    }
}
