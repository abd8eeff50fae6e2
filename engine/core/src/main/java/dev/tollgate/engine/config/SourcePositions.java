package dev.tollgate.engine.config;

import com.fasterxml.jackson.core.JsonPointer;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a config tree came from, by JSON pointer: the key of a mapping entry and its value, or the
 * item of a sequence. A lookup for a pointer that was never recorded (a default, say) falls back to its nearest
 * recorded ancestor, so every problem can be given some place.
 */
final class SourcePositions {
    private final Map<JsonPointer, SourcePosition> keys = new HashMap<>();
    private final Map<JsonPointer, SourcePosition> values = new HashMap<>();

    static JsonPointer pointer(String... properties) {
        JsonPointer pointer = JsonPointer.empty();
        for (String property : properties) {
            pointer = pointer.appendProperty(property);
        }
        return pointer;
    }

    void recordKey(JsonPointer pointer, SourcePosition position) {
        keys.put(pointer, position);
    }

    void recordValue(JsonPointer pointer, SourcePosition position) {
        values.put(pointer, position);
    }

    /** Takes over the other's positions at and below {@code subtree}. */
    void addAll(SourcePositions other, JsonPointer subtree) {
        copy(other.keys, keys, subtree);
        copy(other.values, values, subtree);
    }

    /** Records the positions found at and below {@code from} again under {@code to}: an overlay's patch, where it applies. */
    void move(JsonPointer from, JsonPointer to) {
        moveIn(keys, from, to);
        moveIn(values, from, to);
    }

    private static void moveIn(Map<JsonPointer, SourcePosition> map, JsonPointer from, JsonPointer to) {
        String prefix = from.toString();
        Map<JsonPointer, SourcePosition> moved = new HashMap<>();
        map.forEach((pointer, position) -> {
            String path = pointer.toString();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                moved.put(JsonPointer.compile(to + path.substring(prefix.length())), position);
            }
        });
        map.putAll(moved);
    }

    private static void copy(Map<JsonPointer, SourcePosition> from, Map<JsonPointer, SourcePosition> to,
                             JsonPointer subtree) {
        String prefix = subtree.toString();
        from.forEach((pointer, position) -> {
            String path = pointer.toString();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                to.put(pointer, position);
            }
        });
    }

    /** Where the key naming this node is (for a sequence item: the item); {@code null} if nothing on its path was recorded. */
    SourcePosition key(JsonPointer pointer) {
        return find(pointer, keys, values);
    }

    /** Where this node's value starts; {@code null} if nothing on its path was recorded. */
    SourcePosition value(JsonPointer pointer) {
        return find(pointer, values, keys);
    }

    private static SourcePosition find(JsonPointer pointer, Map<JsonPointer, SourcePosition> first,
                                       Map<JsonPointer, SourcePosition> second) {
        for (JsonPointer at = pointer; at != null; at = at.head()) {
            SourcePosition position = first.getOrDefault(at, second.get(at));
            if (position != null) {
                return position;
            }
        }
        return null;
    }
}
