package org.teleport4j.ops.teleport;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.BatchSums;
import org.teleport4j.ops.math.GradientAndHvp;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;

/**
 * The paper's acceleration objective F(w) = ||grad L(w)||^2 (L = mean sample loss), with
 * grad_w F = 2 H grad L: one gradient and one Hessian-vector product.
 */
public final class GradientNormSquared implements TeleportObjective {

    @Override
    public String name() {
        return "gradient-norm-squared";
    }

    @Override
    public ObjectiveEvaluation evaluate(NetArchitecture arch, INDArray params, TeleportSample sample) {
        BatchSums sums = sample.sums(arch, params, null);
        INDArray g = sums.meanGradient();
        return new ObjectiveEvaluation(g.mul(g).sumNumber().doubleValue(), sums.meanLoss(), null);
    }

    @Override
    public ObjectiveEvaluation evaluateWithGradient(NetArchitecture arch, INDArray params, TeleportSample sample) {
        GradientAndHvp ghg = sample.gradientAndHessianGradient(arch, params);
        INDArray g = ghg.gradient();
        return new ObjectiveEvaluation(g.mul(g).sumNumber().doubleValue(), ghg.loss(), ghg.hessianGradient().mul(2.0));
    }

    @Override
    public String toString() {
        return name();
    }
}
