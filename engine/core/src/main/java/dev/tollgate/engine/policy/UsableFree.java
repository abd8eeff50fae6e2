package dev.tollgate.engine.policy;

/**
 * The request has a free candidate that meets its quality bar and that no rule has made ineligible; the CAREFUL rules
 * (rules/profiles.drl) insert it logically, once, and pay only when there is none. All are equal, so truth maintenance
 * keeps one.
 */
public record UsableFree() {
}
