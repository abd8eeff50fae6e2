package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;

import java.util.Locale;

/** The checks every adapter combines: a header's value, a fragment of the prompts. Each returns its signal or {@code null}. */
final class Signals {
    private Signals() {
    }

    /** The header starts with {@code prefix} (ignoring case). */
    static String headerStarts(CoderRequest request, String header, String prefix) {
        String value = request.header(header);
        return value.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
                ? header + " " + shorten(value) : null;
    }

    /** The header is {@code expected} (ignoring case). */
    static String headerIs(CoderRequest request, String header, String expected) {
        return request.header(header).equalsIgnoreCase(expected) ? header + ": " + expected : null;
    }

    /** The header is present. */
    static String headerPresent(CoderRequest request, String header) {
        return request.header(header).isEmpty() ? null : header + " header";
    }

    /** The system prompt contains {@code fragment}. */
    static String system(CoderRequest request, String fragment) {
        return request.systemMentions(fragment) ? "system prompt \"" + fragment + "\"" : null;
    }

    /** The system prompt or the last user message contains {@code fragment}. */
    static String prompt(CoderRequest request, String fragment) {
        if (request.systemMentions(fragment)) {
            return "system prompt \"" + fragment + "\"";
        }
        return request.lastUserMentions(fragment) ? "user message \"" + fragment + "\"" : null;
    }

    /** The first signal (or hint) found, or {@code null}. */
    @SafeVarargs
    static <T> T first(T... signals) {
        for (T signal : signals) {
            if (signal != null) {
                return signal;
            }
        }
        return null;
    }

    /** A side request of {@code task} if any of {@code fragments} is in the prompts, else {@code null}. */
    static CoderHints side(CoderRequest request, String coderSignal, String task, String... fragments) {
        for (String fragment : fragments) {
            String found = prompt(request, fragment);
            if (found != null) {
                return CoderHints.side(task, coderSignal + "; " + task + " side request (" + found + ")");
            }
        }
        return null;
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
