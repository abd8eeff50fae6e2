package dev.tollgate.engine.workflow;

import java.util.List;

/**
 * What the selector made of a best-of's results.
 *
 * @param results every result, verified ones with their score
 * @param winner  the chosen result, or {@code null} when none was verified
 * @param why     why it won, or why nothing did
 * @param judge   the judge's own call (its cost counts), or {@code null}
 */
record Selection(List<WorkerResult> results, WorkerResult winner, String why, WorkerResult judge) {
}
