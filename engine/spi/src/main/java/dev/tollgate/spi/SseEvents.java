package dev.tollgate.spi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The {@code data} of each server-sent event of an upstream's stream, read as the bytes arrive. Comments
 * (OpenRouter's {@code : OPENROUTER PROCESSING}) and {@code event:}, {@code id:}, {@code retry:} fields are skipped
 * (Anthropic repeats the event type inside the data; Gemini's {@code alt=sse} sends one response per event); several
 * {@code data:} lines of one event are joined with newlines, as the SSE format says.
 *
 * <p>The request's timeout covers only the headers, so each wait for the next event is bounded by the endpoint's
 * {@link ProviderEndpoint#timeout()} too ({@link UpstreamHttp#watch}): an upstream that sends nothing for that long in
 * the middle of a stream has its body closed and becomes a {@link ProviderFailure.Kind#TIMEOUT}.
 */
public final class SseEvents {
    private final ProviderEndpoint endpoint;
    private final InputStream body;
    private final BufferedReader reader;

    public SseEvents(ProviderEndpoint endpoint, InputStream body) {
        this.endpoint = endpoint;
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /**
     * The next event's data, or {@code null} at the end of the stream.
     *
     * @throws ProviderException a {@link ProviderFailure.Kind#TIMEOUT} when the upstream sent nothing for the timeout
     * @throws IOException       when the stream broke
     */
    public String next() throws IOException, ProviderException {
        UpstreamHttp.Watch watch = UpstreamHttp.watch(endpoint.timeout(), this::closeBody);
        try {
            String data = read();
            if (!watch.finish()) {
                return data;
            }
        } catch (IOException e) {
            if (!watch.finish()) {
                throw e;
            }
        } finally {
            watch.finish();
        }
        throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.TIMEOUT, 0, endpoint.provider()
                + " sent nothing for " + UpstreamHttp.describe(endpoint.timeout()) + " in the middle of a stream"));
    }

    private String read() throws IOException {
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

    private void closeBody() {
        try {
            body.close();
        } catch (IOException e) {
            // closing is all we can do; the reader sees the end of the stream either way
        }
    }
}
