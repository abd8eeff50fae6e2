package dev.tollgate.engine.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reading a request's query string ({@code Exchange.HTTP_QUERY}), which Google's clients use for the key and {@code alt}. */
public final class QueryParameters {
    private QueryParameters() {
    }

    /** The first non-empty value of parameter {@code name}, URL-decoded, or {@code null}. */
    public static String first(String query, String name) {
        if (query == null) {
            return null;
        }
        String prefix = name + "=";
        for (String parameter : query.split("&")) {
            if (parameter.startsWith(prefix) && parameter.length() > prefix.length()) {
                return URLDecoder.decode(parameter.substring(prefix.length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
