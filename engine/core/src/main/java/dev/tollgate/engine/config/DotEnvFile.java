package dev.tollgate.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of a {@code .env} file: {@code KEY=value} lines, optionally prefixed by {@code export}, with blank
 * lines and {@code #} comments ignored and one pair of matching quotes around a value removed. An unquoted value
 * ends where a {@code #} preceded by a space starts a comment. Problems never quote a line, since it may hold a key.
 */
final class DotEnvFile {
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=(.*)");
    private static final Pattern COMMENT = Pattern.compile("\\s#");

    private DotEnvFile() {
    }

    /** @return the variables in file order, or none when the file does not exist */
    static Map<String, String> read(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(ConfigProblem.in(file, "cannot read the file: " + e.getClass().getSimpleName())));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (!assignment.matches()) {
                problems.add(ConfigProblem.at(file, i + 1, 1, "expected KEY=value"));
                continue;
            }
            String value = value(assignment.group(2).strip());
            if (value == null) {
                problems.add(ConfigProblem.at(file, i + 1, assignment.start(2) + 1,
                        "the value of " + assignment.group(1) + " has an unmatched quote"));
            } else {
                variables.put(assignment.group(1), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return Collections.unmodifiableMap(variables);
    }

    /** @return the value without its quotes or trailing comment, or {@code null} when a quote is not closed */
    private static String value(String raw) {
        if (raw.startsWith("\"") || raw.startsWith("'")) {
            int close = raw.indexOf(raw.charAt(0), 1);
            if (close < 0) {
                return null;
            }
            String rest = raw.substring(close + 1).strip();
            return rest.isEmpty() || rest.startsWith("#") ? raw.substring(1, close) : null;
        }
        Matcher comment = COMMENT.matcher(raw);
        return comment.find() ? raw.substring(0, comment.start()).strip() : raw;
    }
}
