package dev.tollgate.spi;

import org.pf4j.ExtensionPoint;

import java.util.Optional;

/**
 * Knows one agentic coder (Cline, Claude Code, Codex CLI…): recognises its requests from what it
 * really sends (headers, system prompt fingerprints), says what kind of request each one is, and
 * tells the user how to point the coder at the gateway.
 *
 * <p>The gateway asks every adapter in turn; the first that recognises a request names its coder.
 * A request no adapter recognises comes from coder {@code unknown}; it is served all the same.
 */
public interface CoderAdapter extends ExtensionPoint {

    /** The coder's name in policy, keys and the ledger: lower case, e.g. {@code cline}, {@code claude-code}. */
    String id();

    /** The coder's name for people, e.g. {@code Claude Code}. */
    String displayName();

    /** This coder's hints for the request, or empty when the request is not this coder's. */
    Optional<CoderHints> recognise(CoderRequest request);

    /** How to point this coder at a gateway listening at {@code gatewayUrl} (no trailing slash) with {@code gatewayKey}. */
    ConnectSteps connect(String gatewayUrl, String gatewayKey);
}
