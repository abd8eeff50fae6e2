package dev.tollgate.engine.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sections of all config files merged into one tree, with where each node came from.
 *
 * @param root      section name to its content
 * @param positions the source position of every node of {@code root}
 */
record ConfigTree(ObjectNode root, SourcePositions positions) {
    static final Set<String> SECTIONS =
            Collections.unmodifiableSortedSet(new TreeSet<>(List.of("gateway", "profile", "profiles", "providers", "models",
                    "keys", "routes", "classifier", "coders", "workflows", "store", "budgets", "escalation", "alerts", "savings",
                    ConfigOverlay.SECTION)));

    /**
     * Merges the files' sections; an unknown section, a section defined in two files, or a file that is not a
     * mapping of sections adds a problem and is left out.
     */
    static ConfigTree merge(List<YamlTree> files, List<ConfigProblem> problems) {
        ConfigTree merged = new ConfigTree(JsonNodeFactory.instance.objectNode(), new SourcePositions());
        Map<String, SourcePosition> definedAt = new HashMap<>();
        for (YamlTree file : files) {
            JsonNode sections = file.root();
            if (sections.isMissingNode()) {
                continue;
            }
            if (!sections.isObject()) {
                problems.add(file.positions().value(JsonPointer.empty()).problem(
                        "a config file must be a mapping of sections (" + String.join(", ", SECTIONS) + "), got "
                                + BindingErrors.shown(sections)));
                continue;
            }
            for (Map.Entry<String, JsonNode> section : sections.properties()) {
                String name = section.getKey();
                JsonPointer at = SourcePositions.pointer(name);
                SourcePosition position = file.positions().key(at);
                if (!SECTIONS.contains(name)) {
                    problems.add(position.problem("unknown section '" + name + "' (known: "
                            + String.join(", ", SECTIONS) + ")"));
                } else if (definedAt.containsKey(name)) {
                    problems.add(position.problem("section '" + name + "' is already defined at "
                            + definedAt.get(name) + "; define each section in one file only"));
                } else {
                    definedAt.put(name, position);
                    merged.root.set(name, section.getValue());
                    merged.positions.addAll(file.positions(), at);
                }
            }
        }
        ConfigOverlay.apply(merged, problems);
        return merged;
    }

    /** The name a message gives the node: its key, or for a sequence item its sequence's name and index. */
    String name(JsonPointer pointer) {
        JsonPointer parent = pointer.head();
        if (parent == null) {
            return "";
        }
        return root.at(parent).isArray()
                ? name(parent) + "[" + pointer.last().getMatchingIndex() + "]"
                : pointer.last().getMatchingProperty();
    }

    /** The dotted form users read in messages, e.g. {@code models.groq/llama-3.3-70b.price} or {@code gateway.auto-aliases[1]}. */
    String describe(JsonPointer pointer) {
        StringBuilder text = new StringBuilder();
        JsonNode node = root;
        for (JsonPointer rest = pointer; !rest.matches(); rest = rest.tail()) {
            if (node.isArray()) {
                text.append('[').append(rest.getMatchingIndex()).append(']');
                node = node.path(rest.getMatchingIndex());
            } else {
                text.append(text.length() == 0 ? "" : ".").append(rest.getMatchingProperty());
                node = node.path(rest.getMatchingProperty());
            }
        }
        return text.toString();
    }
}
