package dev.tollgate.engine.config;

/** How freely the gateway may spend money; see DESIGN.md for what each profile promises the user. */
public enum BudgetProfile {
    /** Paid options are never used unless the user opts in. */
    FREE,
    /** Free whenever possible; every paid request is tracked and justified. */
    CAREFUL,
    /** The best model for the task; cost is shown but does not limit. */
    UNLIMITED
}
