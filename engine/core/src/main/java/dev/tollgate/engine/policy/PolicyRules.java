package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.config.ConfigProblem;
import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.kie.internal.utils.KieHelper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The DRL files of a rules folder, compiled once into a knowledge base that decisions run against. */
public final class PolicyRules {
    // Drools reports the column only inside the text: "[ERR 101] Line 4:12 no viable alternative …"
    private static final Pattern LINE_COLUMN = Pattern.compile("(?:\\[ERR \\d+] )?Line (\\d+):(\\d+) (.*)", Pattern.DOTALL);

    /**
     * Sessions kept for reuse: resetting a session costs far less than building one (bench/). More
     * decisions at once than this build sessions of their own, and those beyond it are dropped after use.
     */
    private static final int POOLED_SESSIONS = 16;

    /** The longest a compilation of the rules may take (a cold compile of the shipped rules takes about 2 s). */
    private static final Duration COMPILE_LIMIT = Duration.ofSeconds(20);
    /** When that runs out with several files, the longest each may take alone to be cleared. */
    private static final Duration CULPRIT_LIMIT = Duration.ofSeconds(5);

    private final KieBase kieBase;
    private final BlockingQueue<RuleSession> sessions = new ArrayBlockingQueue<>(POOLED_SESSIONS);

    private PolicyRules(KieBase kieBase) {
        this.kieBase = kieBase;
    }

    /** Compiles every {@code *.drl} in {@code rulesDir}; a DRL error is reported with file, line and column. */
    public static PolicyRules compile(Path rulesDir) throws ConfigException {
        return compile(rulesDir, COMPILE_LIMIT);
    }

    /** {@link #compile(Path)} with another time limit (tests). */
    static PolicyRules compile(Path rulesDir, Duration limit) throws ConfigException {
        Map<String, Path> files = drlFiles(rulesDir);
        Map<String, String> sources = new LinkedHashMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            try {
                sources.put(file.getKey(), Files.readString(file.getValue(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ConfigException(List.of(ConfigProblem.in(file.getValue(), "cannot read: " + e.getMessage())));
            }
        }
        PolicyRules rules = withinLimit(() -> compile(sources, files, rulesDir), limit, rulesDir);
        if (rules == null) {
            throw new ConfigException(List.of(ConfigProblem.in(slowest(sources, files, rulesDir), "the rule compiler did "
                    + "not finish within " + limit.toSeconds() + " s; look for brackets that are never closed "
                    + "(Drools' parser takes exponential time over nested unclosed '[' or '(')")));
        }
        return rules;
    }

    /**
     * Runs {@code compilation} on a thread of its own and waits at most {@code limit}; {@code null} when it did not
     * finish ({@code rulesDir} is named if the wait is interrupted). Drools' DRL parser backtracks, and some unbalanced
     * input (found by RulesFuzzTest: two dozen unclosed '[') keeps it busy for hours; the reloader and
     * {@code tollgate check} must answer anyway. A compilation that runs over is stopped ({@link #stop}).
     */
    private static <T> T withinLimit(Callable<T> compilation, Duration limit, Path rulesDir) throws ConfigException {
        FutureTask<T> task = new FutureTask<>(compilation);
        Thread thread = new Thread(task, "tollgate-rules-compiler");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(thread);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(List.of(ConfigProblem.in(rulesDir, "interrupted while compiling the rules")));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConfigException problems) {
                throw problems;
            }
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Stops a compilation that ran over, where the JDK still can (Thread.stop, up to JDK 19: the parser holds no lock
     * and no state outside its own objects); from JDK 20 on it throws, and the thread is left to finish.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread thread) {
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            // JDK 20+: nothing stops it; it is a daemon thread and ends with the compilation
        }
    }

    /** The first file that does not compile alone within {@link #CULPRIT_LIMIT}, or the folder when each does. */
    private static Path slowest(Map<String, String> sources, Map<String, Path> files, Path rulesDir) throws ConfigException {
        if (sources.size() == 1) {
            return files.values().iterator().next();
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Callable<Object> alone = () -> helperFor(Map.of(source.getKey(), source.getValue())).verify();
            if (withinLimit(alone, CULPRIT_LIMIT, rulesDir) == null) {
                return files.get(source.getKey());
            }
        }
        return rulesDir;
    }

    private static PolicyRules compile(Map<String, String> sources, Map<String, Path> files, Path rulesDir)
            throws ConfigException {
        KieHelper helper = helperFor(sources);
        List<ConfigProblem> problems = new ArrayList<>();
        List<Message> unplaced = new ArrayList<>();
        try {
            for (Message message : helper.verify().getMessages(Message.Level.ERROR)) {
                if (message.getPath() == null) {
                    unplaced.add(message);
                    continue;
                }
                Path file = files.getOrDefault(message.getPath(), rulesDir.resolve(message.getPath()));
                problems.add(problem(file, message));
            }
        } catch (RuntimeException compilerFailure) {
            // Drools' compiler itself fails on some malformed input (found by RulesFuzzTest); name the file that does it.
            throw new ConfigException(List.of(ConfigProblem.in(culprit(sources, files, rulesDir),
                    "cannot be compiled: the rule compiler failed (" + compilerFailure
                            + "); look for an unbalanced bracket or quote in a rule")));
        }
        if (problems.isEmpty() && !unplaced.isEmpty()) {
            // A message without a file (e.g. "Unable to wire compiled classes", found by RulesFuzzTest) only repeats
            // errors named elsewhere; when it is all there is, it belongs to the file that fails on its own.
            Path file = culprit(sources, files, rulesDir);
            unplaced.forEach(message -> problems.add(problem(file, message)));
        }
        if (problems.size() > 1) {
            // Drools adds this after every syntax error; it only repeats the real one.
            problems.removeIf(p -> p.message().equals("Parser returned a null Package"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PolicyRules(helper.build());
    }

    private static KieHelper helperFor(Map<String, String> sources) {
        KieHelper helper = new KieHelper();
        sources.forEach((name, drl) -> helper.addContent(drl, name));
        return helper;
    }

    /** The first file whose compilation alone fails (an error, or the compiler itself), or the folder when none does. */
    private static Path culprit(Map<String, String> sources, Map<String, Path> files, Path rulesDir) {
        for (Map.Entry<String, String> source : sources.entrySet()) {
            try {
                if (helperFor(Map.of(source.getKey(), source.getValue())).verify().hasMessages(Message.Level.ERROR)) {
                    return files.get(source.getKey());
                }
            } catch (RuntimeException e) {
                return files.get(source.getKey());
            }
        }
        return rulesDir;
    }

    private static Map<String, Path> drlFiles(Path rulesDir) throws ConfigException {
        if (!Files.isDirectory(rulesDir)) {
            throw new ConfigException(List.of(ConfigProblem.in(rulesDir, "rules folder not found")));
        }
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> listing = Files.list(rulesDir)) {
            listing.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted()
                    .forEach(p -> files.put("tollgate/rules/" + p.getFileName(), p));
        } catch (IOException e) {
            throw new ConfigException(List.of(ConfigProblem.in(rulesDir, "cannot list rules: " + e.getMessage())));
        }
        if (files.isEmpty()) {
            throw new ConfigException(List.of(ConfigProblem.in(rulesDir, "no *.drl files: the policy needs at least one rule file")));
        }
        return files;
    }

    private static ConfigProblem problem(Path file, Message message) {
        String text = message.getText().strip();
        int line = message.getLine();
        int column = message.getColumn();
        Matcher m = LINE_COLUMN.matcher(text);
        if (m.matches()) {
            line = Integer.parseInt(m.group(1));
            column = Integer.parseInt(m.group(2)) + 1;
            text = m.group(3).strip();
        }
        return ConfigProblem.at(file, Math.max(line, 1), Math.max(column, 1), text);
    }

    /** How many rules the rule files hold. */
    int size() {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }

    /** Runs the rules over {@code facts}; returns what they concluded and which rules fired, in order. */
    Evaluation evaluate(Collection<?> facts) {
        RuleSession session = sessions.poll();
        if (session == null) {
            session = new RuleSession(kieBase);
        }
        Evaluation evaluation = session.evaluate(facts);
        // A session whose rules threw is dropped rather than trusted again.
        session.reset();
        sessions.offer(session);
        return evaluation;
    }

    record Evaluation(List<Conclusion> conclusions, List<String> rulesFired) {
    }
}
