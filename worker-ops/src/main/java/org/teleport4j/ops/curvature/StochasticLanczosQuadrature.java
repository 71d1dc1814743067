package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Spectral density by stochastic Lanczos quadrature (Ubaru, Chen and Saad 2017; Ghorbani, Krishnan and Xiao
 * 2019; PyHessian's density): per probe, {@code steps} Lanczos steps from a normalised Rademacher vector, then
 * the Gauss quadrature rule read off T. An m-step rule integrates polynomials up to degree 2m - 1 exactly:
 * v^T A^k v = sum_i w_i theta_i^k for k <= 2m - 1. A probe whose Krylov space is exhausted early (an invariant
 * subspace) stops there with an exact rule.
 */
public final class StochasticLanczosQuadrature {
    private StochasticLanczosQuadrature() {
    }

    /**
     * @param probes number of random probes (probe p drawn from a seed derived from (seed, p))
     * @param steps  Lanczos steps per probe (operator products), capped at N
     */
    public static SpectralDensity estimate(SymmetricOperator op, int probes, int steps, long seed) {
        if (probes < 1) throw new IllegalArgumentException("need at least one probe, got " + probes);
        if (steps < 1) throw new IllegalArgumentException("need at least one Lanczos step, got " + steps);
        List<double[]> nodes = new ArrayList<>(probes), weights = new ArrayList<>(probes);
        int products = 0;
        for (int p = 0; p < probes; p++) {
            INDArray v = Hutchinson.probe(seed, p, op.dimension());
            QuadratureRule rule = rule(op, v, steps);
            nodes.add(rule.nodes());
            weights.add(rule.weights());
            products += rule.products();
        }
        return new SpectralDensity(nodes, weights, op.dimension(), products);
    }

    /**
     * The Gauss quadrature rule of the spectral measure of unit(v): nodes theta_i (ascending), weights
     * s_{0,i}^2 (summing to one), and the number of products it took.
     */
    public static QuadratureRule rule(SymmetricOperator op, INDArray v, int steps) {
        LanczosIteration it = new LanczosIteration(op, v, steps, null);   // no restart: the rule belongs to v's Krylov space
        while (it.canStep()) it.step();
        TridiagonalEigen t = it.ritz();
        double[] w = new double[t.size()];
        for (int i = 0; i < w.length; i++) w[i] = t.component(0, i) * t.component(0, i);
        return new QuadratureRule(t.values(), w, it.size());
    }

    /**
     * @param nodes    quadrature nodes, ascending
     * @param weights  weights, summing to one
     * @param products operator products used
     */
    public record QuadratureRule(double[] nodes, double[] weights, int products) {
    }
}
