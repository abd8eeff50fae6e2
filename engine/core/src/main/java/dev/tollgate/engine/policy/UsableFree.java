package dev.tollgate.engine.policy;

/**
 * A free candidate that meets the request's quality bar and that no rule has made ineligible; the
 * CAREFUL rules (rules/profiles.drl) insert it logically and pay only when none exists.
 */
public record UsableFree(String model) {
}
