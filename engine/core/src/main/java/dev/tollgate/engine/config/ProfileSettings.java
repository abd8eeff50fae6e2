package dev.tollgate.engine.config;

/**
 * What one budget profile means ({@code profiles} section).
 *
 * @param allowPaid        whether paid options may be used (FREE's opt-in)
 * @param qualityThreshold the fit for the task a free model needs for CAREFUL to use it before any paid one, 0 to 1
 */
public record ProfileSettings(boolean allowPaid, double qualityThreshold) {

    /** The meaning of a profile that {@code profiles} leaves out. */
    public static ProfileSettings defaults(BudgetProfile profile) {
        return switch (profile) {
            case FREE -> new ProfileSettings(false, 0.0);
            case CAREFUL -> new ProfileSettings(true, 0.6);
            case UNLIMITED -> new ProfileSettings(true, 0.0);
        };
    }
}
