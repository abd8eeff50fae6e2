package dev.tollgate.engine.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A decision explained: as JSON-ready maps for the admin API, and as text for {@code tollgate explain}. */
public final class DecisionReport {
    private DecisionReport() {
    }

    public static Map<String, Object> toMap(Decision decision) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("id", decision.id());
        report.put("profile", decision.profile().name());
        report.put("coder", decision.coder());
        Classification c = decision.classification();
        report.put("classification", ordered("task", c.task(), "complexity", c.complexity(),
                "taskSignal", c.taskSignal(), "complexitySignal", c.complexitySignal()));
        report.put("route", decision.route());
        report.put("strategy", decision.strategy());
        report.put("experimentArm", decision.experimentArm());
        List<Map<String, Object>> ranked = new ArrayList<>();
        for (RankedCandidate candidate : decision.ranked()) {
            ranked.add(ordered("model", candidate.candidate().model(), "provider", candidate.candidate().provider(),
                    "free", candidate.candidate().free(), "score", candidate.score(), "reasons", candidate.reasons()));
        }
        report.put("ranked", ranked);
        report.put("ineligible", exclusions(decision.ineligible()));
        report.put("unavailable", exclusions(decision.unavailable()));
        report.put("justifications", decision.justifications());
        report.put("rulesFired", decision.rulesFired());
        return report;
    }

    public static String toText(Decision decision) {
        Classification c = decision.classification();
        StringBuilder text = new StringBuilder();
        text.append("decision ").append(decision.id()).append(" under profile ").append(decision.profile()).append('\n');
        text.append("coder:      ").append(decision.coder()).append('\n');
        text.append("task:       ").append(c.task()).append(" (").append(c.taskSignal()).append(")\n");
        text.append("complexity: ").append(c.complexity()).append(" (").append(c.complexitySignal()).append(")\n");
        text.append("route:      ").append(decision.route()).append(", strategy ").append(decision.strategy())
                .append(decision.experimentArm() == null ? "" : ", experiment arm " + decision.experimentArm()).append('\n');
        text.append("\ntried in this order:\n");
        if (decision.ranked().isEmpty()) {
            text.append("  (none: no model may serve this request)\n");
        }
        int place = 0;
        for (RankedCandidate candidate : decision.ranked()) {
            String model = candidate.candidate().model();
            text.append(String.format(Locale.ROOT, "  %d. %-32s %8.1f  %s%s%n", ++place, model, candidate.score(),
                    candidate.candidate().free() ? "free" : "paid", ": " + String.join("; ", candidate.reasons())));
            String why = decision.justifications().get(model);
            if (why != null) {
                text.append("     paid because: ").append(why).append('\n');
            }
        }
        if (!decision.excluded().isEmpty()) {
            text.append("\nnot tried:\n");
            for (Ineligible no : decision.excluded()) {
                text.append(String.format(Locale.ROOT, "  %-35s %s%n", no.model(), no.reason()));
            }
        }
        text.append("\nrules fired, in order:\n");
        List<String> fired = decision.rulesFired();
        for (int i = 0; i < fired.size(); ) {
            int repeats = 1;
            while (i + repeats < fired.size() && fired.get(i + repeats).equals(fired.get(i))) {
                repeats++;
            }
            text.append("  ").append(fired.get(i)).append(repeats > 1 ? " (" + repeats + " times in a row)" : "").append('\n');
            i += repeats;
        }
        return text.toString();
    }

    private static List<Map<String, Object>> exclusions(List<Ineligible> excluded) {
        return excluded.stream().map(no -> ordered("model", no.model(), "reason", no.reason())).toList();
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
