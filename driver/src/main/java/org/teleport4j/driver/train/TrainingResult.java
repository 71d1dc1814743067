package org.teleport4j.driver.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.teleport4j.driver.run.EpochMetrics;

import java.util.List;

/**
 * The outcome of a run.
 *
 * @param network          the final averaged network (null when the run was already complete)
 * @param alreadyComplete  true when the run directory held a finished run and nothing was trained
 * @param resumedFromEpoch the checkpointed epoch training resumed after, or -1 for a fresh start
 * @param teleportSeconds  time spent in teleports (and state resets) during this invocation
 */
public record TrainingResult(String runId, String runDir, List<EpochMetrics> metrics, MultiLayerNetwork network,
                             boolean alreadyComplete, int resumedFromEpoch, double wallSeconds, double teleportSeconds) {
    public EpochMetrics last() {
        return metrics.isEmpty() ? null : metrics.get(metrics.size() - 1);
    }
}
