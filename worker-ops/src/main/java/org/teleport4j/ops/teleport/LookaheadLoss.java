package org.teleport4j.ops.teleport;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.BatchSums;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;

/**
 * The one-step lookahead loss F(w) = L(w - eta grad L(w)): the sample loss after one gradient step of the
 * optimiser's learning rate eta, to be minimised over the orbit. Unlike ||grad L||^2 it is bounded below
 * and targets the next step's progress directly (its minimiser may still lie far out on a non-compact
 * orbit: use it with a trust radius). grad F = (I - eta H(w)) grad L(w'), w' = w - eta grad L(w): one HVP.
 */
public final class LookaheadLoss implements TeleportObjective {
    private final double eta;

    public LookaheadLoss(double eta) {
        if (!(eta > 0) || Double.isInfinite(eta)) throw new IllegalArgumentException("lookahead learning rate must be positive, got " + eta);
        this.eta = eta;
    }

    public double learningRate() {
        return eta;
    }

    @Override
    public String name() {
        return "lookahead-loss";
    }

    @Override
    public ObjectiveEvaluation evaluate(NetArchitecture arch, INDArray params, TeleportSample sample) {
        BatchSums here = sample.sums(arch, params, null);
        INDArray next = params.sub(here.meanGradient().mul(eta));
        return new ObjectiveEvaluation(sample.meanLoss(arch, next), here.meanLoss(), null);
    }

    @Override
    public ObjectiveEvaluation evaluateWithGradient(NetArchitecture arch, INDArray params, TeleportSample sample) {
        BatchSums here = sample.sums(arch, params, null);
        INDArray next = params.sub(here.meanGradient().mul(eta));
        BatchSums there = sample.sums(arch, next, null);
        INDArray gNext = there.meanGradient();
        INDArray hgNext = sample.sums(arch, params, gNext).meanHvp();
        return new ObjectiveEvaluation(there.meanLoss(), here.meanLoss(), gNext.sub(hgNext.mul(eta)));
    }

    @Override
    public String toString() {
        return name() + "(eta=" + eta + ")";
    }
}
