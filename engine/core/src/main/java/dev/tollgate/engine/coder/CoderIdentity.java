package dev.tollgate.engine.coder;

import dev.tollgate.spi.CoderHints;

/**
 * Who sent a request and what kind of request it is, as far as the coder adapters could tell.
 *
 * @param coder the coder's id ({@code cline}, {@code claude-code}…), or {@code unknown}
 * @param hints the adapter's hints, or {@code null} when no adapter recognised the request
 */
public record CoderIdentity(String coder, CoderHints hints) {
    public static final String UNKNOWN_CODER = "unknown";
    public static final CoderIdentity UNKNOWN = new CoderIdentity(UNKNOWN_CODER, null);

    public boolean sideRequest() {
        return hints != null && hints.sideRequest();
    }

    /** The coder's mode ({@code plan}, {@code act}), or {@code null}. */
    public String mode() {
        return hints == null ? null : hints.mode();
    }
}
