package org.teleport4j.driver.sweep;

/** A finished trial: the grid point and its per-epoch rows. */
public record SweepResult(SweepTrial trial, TrialEpochs epochs) {
}
