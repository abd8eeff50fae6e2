package dev.tollgate.engine.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.math.BigInteger;
import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a Jackson binding failure into a problem at the YAML key or value it is about, in the user's words:
 * {@code 'port' must be a number, got "forty"} rather than Jackson's account of its own internals.
 */
final class BindingErrors {
    private final ConfigTree tree;

    BindingErrors(ConfigTree tree) {
        this.tree = tree;
    }

    /** How a message shows the value the user wrote. */
    static String shown(JsonNode value) {
        if (value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "an empty value";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isDouble() && !Double.isFinite(value.doubleValue())) {
            return Double.isNaN(value.doubleValue()) ? ".nan" : value.doubleValue() > 0 ? ".inf" : "-.inf";
        }
        return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.toString();
    }

    /** @param bound where the node that failed to bind sits in the tree */
    ConfigProblem translate(JsonProcessingException failure, JsonPointer bound) {
        JsonPointer at = bound.append(pathOf(failure));
        if (failure instanceof UnrecognizedPropertyException unknown) {
            return unknownKey(unknown, at);
        }
        JsonNode actual = tree.root().at(at);
        String name = tree.name(at);
        SourcePosition position = tree.positions().value(at);
        if (failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return position.problem(mismatched(name, mismatch.getTargetType(), actual));
        }
        if (failure instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            return position.problem("'" + name + "' " + instantiation.getCause().getMessage());
        }
        if (actual.isDouble() && !Double.isFinite(actual.doubleValue())) {
            return position.problem("'" + name + "' must be a finite number, got " + shown(actual));
        }
        if (rootCause(failure) instanceof InputCoercionException) {
            return position.problem("'" + name + "' is out of range, got " + shown(actual));
        }
        return position.problem("'" + name + "': " + failure.getOriginalMessage());
    }

    private ConfigProblem unknownKey(UnrecognizedPropertyException unknown, JsonPointer at) {
        String known = unknown.getKnownPropertyIds().stream()
                .map(Object::toString)
                .sorted()
                .collect(Collectors.joining(", "));
        return tree.positions().key(at).problem("unknown key '" + unknown.getPropertyName() + "' in "
                + tree.describe(at.head()) + " (known: " + known + ")");
    }

    private static String mismatched(String name, Class<?> type, JsonNode actual) {
        if (type.isEnum()) {
            String known = Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
            return actual.isTextual()
                    ? "unknown " + name + " '" + actual.asText() + "' (known: " + known + ")"
                    : "'" + name + "' must be one of " + known + ", got " + shown(actual);
        }
        return "'" + name + "' must be " + expected(type, actual) + ", got " + shown(actual);
    }

    private static String expected(Class<?> type, JsonNode actual) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == BigInteger.class) {
            return actual.isNumber() ? "a whole number" : "a number";
        }
        if ((type.isPrimitive() && type != boolean.class) || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == URI.class) {
            return "a URL";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "a mapping" : "a " + type.getSimpleName();
    }

    /** Where in the bound node the failure is, as far as Jackson says. */
    static JsonPointer pathOf(JsonProcessingException failure) {
        JsonPointer path = JsonPointer.empty();
        if (!(failure instanceof JsonMappingException mapping)) {
            return path;
        }
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            path = reference.getFieldName() != null
                    ? path.appendProperty(reference.getFieldName())
                    : path.appendIndex(reference.getIndex());
        }
        return path;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
