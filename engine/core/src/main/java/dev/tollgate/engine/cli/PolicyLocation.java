package dev.tollgate.engine.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the policy, plugins and keys are: the options every command that loads the policy shares. */
final class PolicyLocation {
    @Option(names = "--home", description = "Folder that config/, rules/, dist/plugins/, .env and the ledger are relative to "
            + "(default: $TOLLGATE_HOME, else the current folder).")
    Path home;

    @Option(names = "--config", description = "Config folder (default: <home>/config).")
    Path config;

    @Option(names = "--rules", description = "Rules folder (default: <home>/rules).")
    Path rules;

    @Option(names = "--plugins", description = "Plugins folder (default: <home>/dist/plugins).")
    Path plugins;

    @Option(names = "--env-file", description = "File with KEY=value keys (default: <home>/.env).")
    Path envFile;

    Path home() {
        return home != null ? home : Path.of(System.getenv().getOrDefault("TOLLGATE_HOME", "."));
    }

    Path config() {
        return config != null ? config : home().resolve("config");
    }

    Path rules() {
        return rules != null ? rules : home().resolve("rules");
    }

    Path plugins() {
        return plugins != null ? plugins : home().resolve("dist/plugins");
    }

    Path envFile() {
        return envFile != null ? envFile : home().resolve(".env");
    }
}
