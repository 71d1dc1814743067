package org.teleport4j.driver.train;

import org.teleport4j.driver.run.EpochMetrics;

/** Receives progress of a training run (console output, logs, tests). */
public interface TrainingProgress {
    default void onStart(String runId, String runDir, int startEpoch, int epochs, int roundsPerEpoch, long examples, int workers) {
    }

    default void onRound(RoundInfo info) {
    }

    default void onEpoch(EpochMetrics metrics, int epochs) {
    }

    TrainingProgress NONE = new TrainingProgress() {
    };
}
