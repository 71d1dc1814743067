package org.teleport4j.ops.curvature;

import java.util.List;

/**
 * An estimate of the spectral density of a symmetric operator by stochastic Lanczos quadrature: for each unit
 * probe v, the Gauss quadrature rule of the measure mu_v = sum_i (v . u_i)^2 delta(lambda_i) (nodes = eigenvalues of
 * the Lanczos T built from v, weights = squared first components of T's eigenvectors). The average of the rules
 * over probes estimates the normalised density (1/N) sum_i delta(lambda_i), which integrates to one.
 *
 * @param nodes     per probe, the quadrature nodes (ascending)
 * @param weights   per probe, the weights (each probe's sum to one)
 * @param dimension N, to turn normalised moments into sums over the spectrum (trace = N * mean of sum w theta)
 * @param products  operator products used in total (HVP passes)
 */
public record SpectralDensity(List<double[]> nodes, List<double[]> weights, long dimension, int products) {

    public SpectralDensity {
        nodes = List.copyOf(nodes);
        weights = List.copyOf(weights);
        if (nodes.size() != weights.size() || nodes.isEmpty()) throw new IllegalArgumentException("need one node and weight list per probe, at least one probe");
    }

    public int probes() {
        return nodes.size();
    }

    /**
     * The density broadened by a Gaussian of width sigma, on the given points: (1/P) sum_p sum_i w_pi
     * exp(-(t - theta_pi)^2 / 2 sigma^2) / (sigma sqrt(2 pi)). Integrates to one over the real line.
     */
    public double[] density(double[] grid, double sigma) {
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        double[] out = new double[grid.length];
        double norm = 1.0 / (sigma * Math.sqrt(2 * Math.PI) * probes());
        for (int p = 0; p < probes(); p++) {
            double[] th = nodes.get(p), w = weights.get(p);
            for (int i = 0; i < th.length; i++)
                for (int g = 0; g < grid.length; g++) {
                    double u = (grid[g] - th[i]) / sigma;
                    out[g] += w[i] * Math.exp(-0.5 * u * u) * norm;
                }
        }
        return out;
    }

    /** {@code points} equally spaced points from the smallest node - pad to the largest node + pad. */
    public double[] grid(int points, double pad) {
        if (points < 2) throw new IllegalArgumentException("a grid needs at least two points, got " + points);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] th : nodes) for (double t : th) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        lo -= pad;
        hi += pad;
        double[] g = new double[points];
        for (int i = 0; i < points; i++) g[i] = lo + (hi - lo) * i / (points - 1);
        return g;
    }

    /** Estimate of the normalised moment (1/N) tr(A^k) = mean over probes of sum_i w_i theta_i^k. */
    public double normalisedMoment(int k) {
        double s = 0;
        for (int p = 0; p < probes(); p++) {
            double[] th = nodes.get(p), w = weights.get(p);
            for (int i = 0; i < th.length; i++) s += w[i] * Math.pow(th[i], k);
        }
        return s / probes();
    }

    /** Estimate of tr(A) = N * normalised first moment. */
    public double trace() {
        return dimension * normalisedMoment(1);
    }
}
