package org.teleport4j.ops.curvature;

/**
 * The paper's curvature psi of a minimum: the mean, over {@code curves} random orbit curves each computed on a
 * fresh batch of {@code batchSize} samples, of the curvature kappa of gamma(t) = exp(t M) . w (Form B) at t = 0.
 * Curve i draws its generators (one M per hidden layer, U[0,1) entries, Frobenius norm 1) from a seed derived
 * from (seed, i).
 *
 * @param curves    number of curves (the paper: 200)
 * @param batchSize samples per curve's batch (the paper: 200)
 * @param seed      seed of the generators
 */
public record CurvatureSettings(int curves, int batchSize, long seed) implements java.io.Serializable {

    public CurvatureSettings {
        if (curves < 1 || batchSize < 1) throw new IllegalArgumentException("curves and batch size must be >= 1, got " + curves + ", " + batchSize);
    }

    /** 200 curves on 200-sample batches (all datasets). */
    public static CurvatureSettings paper(long seed) {
        return new CurvatureSettings(200, 200, seed);
    }
}
