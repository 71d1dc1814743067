package org.teleport4j.ops.curvature;

/**
 * How {@link Lanczos} runs.
 *
 * @param count         number of eigenpairs wanted, k >= 1
 * @param order         which end of the spectrum
 * @param tolerance     stop when every wanted Ritz pair has residual ||A y - theta y|| <= tolerance * |theta|
 *                      (relative; |theta| is floored at 1e-12 times the largest |Ritz value| so that an exactly
 *                      zero eigenvalue can converge)
 * @param maxIterations most operator products (HVP passes), capped at the dimension
 * @param seed          seed of the Gaussian start vector (and of restart vectors after a breakdown)
 */
public record LanczosSettings(int count, EigenvalueOrder order, double tolerance, int maxIterations, long seed) {

    public static final double DEFAULT_TOLERANCE = 1e-6;
    public static final int DEFAULT_MAX_ITERATIONS = 100;

    public LanczosSettings {
        if (count < 1) throw new IllegalArgumentException("need at least one eigenpair, got " + count);
        if (order == null) throw new IllegalArgumentException("order must not be null");
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) throw new IllegalArgumentException("tolerance must be positive and finite, got " + tolerance);
        if (maxIterations < count) throw new IllegalArgumentException("max iterations " + maxIterations + " below the " + count + " eigenpairs wanted");
    }

    /** The k largest eigenvalues, relative residual 1e-6, at most 100 products. */
    public static LanczosSettings top(int count, long seed) {
        return new LanczosSettings(count, EigenvalueOrder.LARGEST, DEFAULT_TOLERANCE, Math.max(DEFAULT_MAX_ITERATIONS, count), seed);
    }

    public LanczosSettings withTolerance(double tol) {
        return new LanczosSettings(count, order, tol, maxIterations, seed);
    }

    public LanczosSettings withMaxIterations(int max) {
        return new LanczosSettings(count, order, tolerance, max, seed);
    }

    public LanczosSettings withOrder(EigenvalueOrder o) {
        return new LanczosSettings(count, o, tolerance, maxIterations, seed);
    }
}
