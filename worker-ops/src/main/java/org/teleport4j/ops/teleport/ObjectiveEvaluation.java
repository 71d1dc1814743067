package org.teleport4j.ops.teleport;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * @param value    the objective
 * @param loss     the mean batch loss at the same weights (for the loss-preservation check)
 * @param gradient grad_w of the objective, flat [1, N], or null when not requested
 */
public record ObjectiveEvaluation(double value, double loss, INDArray gradient) {

    public boolean finite() {
        return Double.isFinite(value) && Double.isFinite(loss);
    }
}
