package org.teleport4j.ops.teleport;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.BatchSums;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.GradientAndHvp;

/**
 * The paper's acceleration objective F(w) = ||grad L(w)||^2 (L = mean batch loss), with
 * grad_w F = 2 H grad L: one gradient and one Hessian-vector product sharing a forward pass.
 */
public final class GradientNormSquared implements TeleportObjective {

    @Override
    public String name() {
        return "gradient-norm-squared";
    }

    @Override
    public ObjectiveEvaluation evaluate(DenseNetView net, Batch batch) {
        BatchSums sums = net.sums(batch, null);
        INDArray g = sums.meanGradient();
        return new ObjectiveEvaluation(g.mul(g).sumNumber().doubleValue(), sums.meanLoss(), null);
    }

    @Override
    public ObjectiveEvaluation evaluateWithGradient(DenseNetView net, Batch batch) {
        GradientAndHvp ghg = net.gradientAndHessianGradient(batch);
        INDArray g = ghg.gradient();
        return new ObjectiveEvaluation(g.mul(g).sumNumber().doubleValue(), ghg.loss(), ghg.hessianGradient().mul(2.0));
    }

    @Override
    public String toString() {
        return name();
    }
}
