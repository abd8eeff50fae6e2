package dev.tollgate.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the config directory: every {@code *.yaml} / {@code *.yml} file in it, in name order, each a mapping of
 * sections ({@code gateway}, {@code profile}, {@code providers}, {@code models}) that together make one
 * {@link TollgateConfig}. Everything wrong is reported at once, each problem at its file, line and column.
 */
public final class ConfigLoader {
    private static final Comparator<ConfigProblem> IN_FILE_ORDER = Comparator.comparing(ConfigProblem::file)
            .thenComparingInt(ConfigProblem::line)
            .thenComparingInt(ConfigProblem::column);

    private ConfigLoader() {
    }

    /**
     * @param configDirectory the directory holding the config files
     * @return the validated configuration
     * @throws ConfigException listing every problem found, when the configuration cannot be used
     */
    public static TollgateConfig load(Path configDirectory) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<YamlTree> files = yamlFiles(configDirectory).stream().map(YamlTree::read).toList();
        files.forEach(file -> problems.addAll(file.problems()));
        // A file that does not parse leaves its sections out, and checking the rest would only add false alarms.
        failIfAny(problems);
        ConfigTree tree = ConfigTree.merge(files, problems);
        TollgateConfig config = new ConfigBinder(tree, problems).bind();
        problems.addAll(new ConfigValidator(tree, configDirectory).check(config));
        failIfAny(problems);
        return config;
    }

    private static List<Path> yamlFiles(Path directory) throws ConfigException {
        if (!Files.isDirectory(directory)) {
            String message = Files.exists(directory) ? "not a directory; expected the config directory"
                    : "config directory not found";
            throw new ConfigException(List.of(ConfigProblem.in(directory, message)));
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(ConfigLoader::isConfigFile).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(List.of(ConfigProblem.in(directory, "cannot list the config directory: " + e)));
        }
        if (files.isEmpty()) {
            throw new ConfigException(List.of(ConfigProblem.in(directory,
                    "no *.yaml files in " + ConfigProblem.displayed(directory))));
        }
        return files;
    }

    /** Hidden files are left out: editors keep their lock and backup files beside the real ones. */
    private static boolean isConfigFile(Path path) {
        String name = path.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith(".") && Files.isRegularFile(path);
    }

    private static void failIfAny(List<ConfigProblem> problems) throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().sorted(IN_FILE_ORDER).toList());
        }
    }
}
