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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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

    private final KieBase kieBase;
    private final BlockingQueue<RuleSession> sessions = new ArrayBlockingQueue<>(POOLED_SESSIONS);

    private PolicyRules(KieBase kieBase) {
        this.kieBase = kieBase;
    }

    /** Compiles every {@code *.drl} in {@code rulesDir}; a DRL error is reported with file, line and column. */
    public static PolicyRules compile(Path rulesDir) throws ConfigException {
        Map<String, Path> files = drlFiles(rulesDir);
        Map<String, String> sources = new LinkedHashMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            try {
                sources.put(file.getKey(), Files.readString(file.getValue(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ConfigException(List.of(ConfigProblem.in(file.getValue(), "cannot read: " + e.getMessage())));
            }
        }
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

    record Evaluation(List<Verdict> verdicts, List<String> rulesFired) {
    }
}
