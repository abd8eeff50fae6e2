package dev.tollgate.plugins.gemini;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The {@code data} of each server-sent event, read as the bytes arrive ({@code alt=sse} makes
 * streamGenerateContent send one GenerateContentResponse per event). Comments and {@code event:},
 * {@code id:}, {@code retry:} fields are skipped; several {@code data:} lines of one event are joined
 * with newlines, as the SSE format says.
 */
final class SseEvents {
    private final BufferedReader reader;

    SseEvents(InputStream body) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next event's data, or {@code null} at the end of the stream. */
    String next() throws IOException {
        StringBuilder data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return data == null ? null : data.toString();
    }
}
