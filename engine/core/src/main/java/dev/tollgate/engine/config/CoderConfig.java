package dev.tollgate.engine.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A headless coder CLI as {@code coders} in workflows.yaml declares it. The command and the environment values may
 * hold placeholders ({@code {instruction}}, {@code {task-card}}, {@code {gateway}}, {@code {token}}) that each run
 * fills in.
 *
 * @param runner             the {@code CoderRunner} that runs it: {@code command} (built in) or a plugin's id
 * @param command            the command line, one argument per item
 * @param env                variables set for the coder, on top of the ones pointing it at Tollgate
 * @param timeLimitSeconds   how long it may run before it is stopped
 */
public record CoderConfig(String runner, List<String> command, Map<String, String> env, Integer timeLimitSeconds) {
    public static final String COMMAND_RUNNER = "command";
    static final int DEFAULT_TIME_LIMIT_SECONDS = 1800;

    public CoderConfig {
        runner = runner == null ? COMMAND_RUNNER : runner;
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        timeLimitSeconds = timeLimitSeconds == null ? DEFAULT_TIME_LIMIT_SECONDS : timeLimitSeconds;
    }
}
