package dev.tollgate.engine.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The {@code overlay} section (the dashboard writes it to {@code config/overlay.yaml}): patches laid over the
 * other sections after they are merged, so that a change made in the dashboard is an ordinary, readable,
 * committable config file and goes through the same checks as any edit. A patch's mappings merge key by key;
 * any other value replaces what it patches. Under {@code routes} the patches are by route name. A patch may only
 * change what another file defines: a typo in a name is a problem at its place, not a new half-defined entry.
 */
final class ConfigOverlay {
    static final String SECTION = "overlay";

    private ConfigOverlay() {
    }

    static void apply(ConfigTree tree, List<ConfigProblem> problems) {
        JsonNode overlay = tree.root().remove(SECTION);
        JsonPointer overlayAt = SourcePositions.pointer(SECTION);
        if (overlay == null || overlay.isNull()) {
            return;
        }
        if (!overlay.isObject()) {
            problems.add(tree.positions().value(overlayAt).problem("'overlay' must be a mapping of sections, got "
                    + BindingErrors.shown(overlay)));
            return;
        }
        for (Map.Entry<String, JsonNode> section : overlay.properties()) {
            String name = section.getKey();
            JsonPointer patchAt = overlayAt.appendProperty(name);
            JsonNode target = tree.root().path(name);
            if (!ConfigTree.SECTIONS.contains(name) || SECTION.equals(name)) {
                problems.add(tree.positions().key(patchAt).problem("the overlay patches unknown section '" + name + "'"));
            } else if (name.equals("routes")) {
                patchRoutes(tree, section.getValue(), patchAt, target, problems);
            } else if (target.isObject() && section.getValue().isObject()) {
                merge(tree, (ObjectNode) target, SourcePositions.pointer(name), section.getValue(), patchAt, problems, true);
            } else {
                tree.root().set(name, section.getValue());
                tree.positions().move(patchAt, SourcePositions.pointer(name));
            }
        }
    }

    private static void patchRoutes(ConfigTree tree, JsonNode patches, JsonPointer patchAt, JsonNode routes,
                                    List<ConfigProblem> problems) {
        if (!patches.isObject()) {
            problems.add(tree.positions().value(patchAt).problem(
                    "'overlay.routes' must map route names to changes, got " + BindingErrors.shown(patches)));
            return;
        }
        for (Map.Entry<String, JsonNode> patch : patches.properties()) {
            JsonPointer at = patchAt.appendProperty(patch.getKey());
            int index = -1;
            for (int i = 0; routes.isArray() && i < routes.size(); i++) {
                if (patch.getKey().equals(routes.get(i).path("name").asText(null))) {
                    index = i;
                }
            }
            if (index < 0) {
                problems.add(tree.positions().key(at).problem("the overlay patches route '" + patch.getKey()
                        + "', which routes does not define"));
            } else if (!patch.getValue().isObject() || !routes.get(index).isObject()) {
                problems.add(tree.positions().value(at).problem("a route's patch must be a mapping, got "
                        + BindingErrors.shown(patch.getValue())));
            } else {
                merge(tree, (ObjectNode) routes.get(index), SourcePositions.pointer("routes").appendIndex(index),
                        patch.getValue(), at, problems, false);
            }
        }
    }

    /** @param entries whether {@code target} is a section of named entries, which a patch may not add to */
    private static void merge(ConfigTree tree, ObjectNode target, JsonPointer targetAt, JsonNode patch, JsonPointer patchAt,
                              List<ConfigProblem> problems, boolean entries) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonPointer from = patchAt.appendProperty(field.getKey());
            JsonPointer to = targetAt.appendProperty(field.getKey());
            JsonNode existing = target.get(field.getKey());
            if (entries && existing == null && !isScalarSection(targetAt)) {
                problems.add(tree.positions().key(from).problem("the overlay patches '" + field.getKey() + "' in "
                        + targetAt.getMatchingProperty() + ", which no other file defines"));
            } else if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merge(tree, (ObjectNode) existing, to, field.getValue(), from, problems, false);
            } else {
                target.set(field.getKey(), field.getValue());
                tree.positions().move(from, to);
            }
        }
    }

    /** Sections that are settings rather than named entries: a patch may set a key they leave out. */
    private static boolean isScalarSection(JsonPointer sectionAt) {
        String name = sectionAt.getMatchingProperty();
        return name.equals("gateway") || name.equals("classifier") || name.equals("profiles");
    }
}
