package org.teleport4j.ops.teleport;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import org.teleport4j.ops.symmetry.Tangent;

/**
 * What a teleport produced: the new weights (flat [1, N], DL4J layout; the input weights when nothing
 * was accepted) and one record per attempted step.
 *
 * @param params         the weights after the last accepted step
 * @param steps          per-step records, in order
 * @param group          the group's name
 * @param objective      the objective's name
 * @param objectiveStart objective before the teleport
 * @param lossStart      batch loss before the teleport
 * @param elapsedNanos   wall-clock time of the teleport
 * @param element        the sum of the accepted steps' tangents: for the (abelian) scaling group exactly the
 *                       overall element, exp(s1) exp(s2) = exp(s1 + s2); for the other groups only the first-order
 *                       summary of the product of the steps
 */
public record TeleportResult(INDArray params, List<TeleportStepRecord> steps, String group, String objective,
                             double objectiveStart, double lossStart, long elapsedNanos, Tangent element) {

    public TeleportResult {
        steps = List.copyOf(steps);
    }

    public long acceptedSteps() {
        return steps.stream().filter(TeleportStepRecord::accepted).count();
    }

    /** Objective at the returned weights. */
    public double objectiveEnd() {
        double v = objectiveStart;
        for (TeleportStepRecord r : steps) if (r.accepted()) v = r.objectiveAfter();
        return v;
    }

    /** Batch loss at the returned weights. */
    public double lossEnd() {
        double v = lossStart;
        for (TeleportStepRecord r : steps) if (r.accepted()) v = r.lossAfter();
        return v;
    }

    /** |loss end - loss start| / |loss start|. */
    public double relativeLossDrift() {
        return Math.abs(lossEnd() - lossStart) / Math.max(Math.abs(lossStart), Double.MIN_NORMAL);
    }
}
