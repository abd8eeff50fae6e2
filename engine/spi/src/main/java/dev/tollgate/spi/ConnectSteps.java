package dev.tollgate.spi;

import java.util.List;

/**
 * How to point one coder at the gateway.
 *
 * @param ingress  the wire API the coder will use: {@code chat}, {@code messages}, {@code responses},
 *                 {@code gemini}, or {@code none} when it can use none of them
 * @param steps    what to do, in order: settings, environment variables or a config file snippet,
 *                 with the gateway's URL and key already filled in
 * @param settings the names of the coder's own settings (keys, variables) the steps use
 */
public record ConnectSteps(String ingress, List<String> steps, List<String> settings) {

    public ConnectSteps {
        steps = List.copyOf(steps);
        settings = List.copyOf(settings);
    }
}
