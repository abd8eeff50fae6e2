package dev.tollgate.engine.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One YAML file as a Jackson tree, with the position of every node. Composed with SnakeYAML Engine (YAML 1.2, core
 * schema) rather than read through a YAML Jackson parser, because only the composed nodes keep their marks.
 */
final class YamlTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;
    private final SourcePositions positions = new SourcePositions();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private JsonNode root = MissingNode.getInstance();

    private YamlTree(Path file) {
        this.file = file;
    }

    /** Reads the file; an unreadable or malformed file gives a tree with {@link #problems()} instead of throwing. */
    static YamlTree read(Path file) {
        YamlTree tree = new YamlTree(file);
        tree.compose();
        return tree;
    }

    Path file() {
        return file;
    }

    /** The document's root, or a missing node when the file holds no document or could not be read. */
    JsonNode root() {
        return root;
    }

    SourcePositions positions() {
        return positions;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    private void compose() {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setSchema(new CoreSchema())
                .setAllowNonScalarKeys(true) // to report such a key at its place rather than without one
                .build();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Optional<Node> document = new Compose(settings).composeReader(reader);
            if (document.isPresent()) {
                positions.recordValue(JsonPointer.empty(), position(document.get()));
                root = convert(document.get(), JsonPointer.empty());
            }
        } catch (MarkedYamlEngineException e) {
            problems.add(syntaxProblem(e));
        } catch (YamlEngineException e) {
            problems.add(ConfigProblem.in(file, e.getCause() instanceof CharacterCodingException
                    ? "not UTF-8 text" : "not valid YAML: " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            // SnakeYAML Engine checks a tag only when it builds the node, and throws without a mark (e.g. "!ni%f")
            problems.add(ConfigProblem.in(file, "not valid YAML: " + e.getMessage()));
        } catch (IOException e) {
            problems.add(ConfigProblem.in(file, "cannot read the file: " + e));
        }
    }

    /** The parser's own words, problem first and then what it was doing, without its snippet of the file. */
    private ConfigProblem syntaxProblem(MarkedYamlEngineException e) {
        boolean hasProblem = e.getProblem() != null && !e.getProblem().isBlank();
        boolean hasContext = e.getContext() != null && !e.getContext().isBlank();
        StringBuilder message = new StringBuilder(hasProblem ? e.getProblem() : e.getContext());
        if (hasProblem && hasContext) {
            message.append(" (").append(e.getContext());
            e.getContextMark().ifPresent(mark -> message.append(" at line ").append(mark.getLine() + 1)
                    .append(", column ").append(mark.getColumn() + 1));
            message.append(')');
        }
        return e.getProblemMark().or(e::getContextMark)
                .map(mark -> position(mark).problem(message.toString()))
                .orElseGet(() -> ConfigProblem.in(file, message.toString()));
    }

    private JsonNode convert(Node node, JsonPointer at) {
        if (node.isRecursive()) {
            problems.add(position(node).problem("an alias may not refer to the collection that contains it"));
            return NODES.nullNode();
        }
        if (node instanceof MappingNode mapping) {
            return convertMapping(mapping, at);
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            for (Node item : sequence.getValue()) {
                JsonPointer itemAt = at.appendIndex(array.size());
                positions.recordValue(itemAt, position(item));
                array.add(convert(item, itemAt));
            }
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private JsonNode convertMapping(MappingNode mapping, JsonPointer at) {
        ObjectNode object = NODES.objectNode();
        for (NodeTuple entry : mapping.getValue()) {
            Node keyNode = entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode key)) {
                problems.add(position(keyNode).problem("a key must be a plain name, not a list or a mapping"));
                continue;
            }
            String name = key.getValue();
            JsonPointer entryAt = at.appendProperty(name);
            if (object.has(name)) {
                problems.add(position(key).problem("duplicate key '" + name + "' (first at line "
                        + positions.key(entryAt).line() + ")"));
                continue;
            }
            positions.recordKey(entryAt, position(key));
            positions.recordValue(entryAt, position(entry.getValueNode()));
            object.set(name, convert(entry.getValueNode(), entryAt));
        }
        return object;
    }

    /** Resolved by the core schema's tag, so that {@code 0.25} stays an exact decimal and {@code "42"} stays text. */
    private static JsonNode scalar(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        if (Tag.INT.equals(tag)) {
            return integer(text);
        }
        if (Tag.FLOAT.equals(tag)) {
            return floating(text);
        }
        return NODES.textNode(text);
    }

    private static JsonNode integer(String text) {
        BigInteger value;
        if (text.startsWith("0x")) {
            value = new BigInteger(text.substring(2), 16);
        } else if (text.startsWith("0o")) {
            value = new BigInteger(text.substring(2), 8);
        } else {
            value = new BigInteger(text);
        }
        if (value.bitLength() < Integer.SIZE) {
            return NODES.numberNode(value.intValue());
        }
        return value.bitLength() < Long.SIZE ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }

    private static JsonNode floating(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return NODES.numberNode(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (lower.equals(".nan")) {
            return NODES.numberNode(Double.NaN);
        }
        return DecimalNode.valueOf(new BigDecimal(text));
    }

    private SourcePosition position(Node node) {
        return node.getStartMark().map(this::position).orElse(new SourcePosition(file, 1, 1));
    }

    private SourcePosition position(Mark mark) {
        return new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
