package org.teleport4j.ops.math;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean loss, mean gradient g and H g over one batch (flat [1, N], DL4J layout).
 *
 * @param loss            mean loss
 * @param gradient        g
 * @param hessianGradient H g
 */
public record GradientAndHvp(double loss, INDArray gradient, INDArray hessianGradient) {
}
