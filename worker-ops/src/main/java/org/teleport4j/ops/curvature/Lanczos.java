package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Extreme eigenpairs of a symmetric operator (top-k Hessian eigenvalues) by Lanczos with full
 * reorthogonalisation: one operator product per iteration, Ritz pairs from the tridiagonal T after each,
 * stop when the k wanted Ritz pairs have residual ||A y - theta y|| <= tol * |theta| (the residual of a Ritz
 * pair is |beta_m s_{m,i}|, free to compute). Converges far faster than power iteration for the same
 * number of products, and gives k pairs at once.
 *
 * <p>In exact arithmetic Lanczos sees each distinct eigenvalue once (copies of a repeated eigenvalue share
 * one direction of the Krylov space), so a repeated eigenvalue is reported once, unless the Krylov space
 * breaks down (becomes invariant: exact in structured cases such as diagonal matrices): the run then continues
 * from a random vector orthogonal to the basis, which reaches the other copies and any eigenvalue the first
 * space missed. A generic Hessian never breaks down before N products.
 */
public final class Lanczos {
    private Lanczos() {
    }

    /** From a seeded Gaussian start vector. */
    public static LanczosResult run(SymmetricOperator op, LanczosSettings settings) {
        SplittableRandom rnd = new SplittableRandom(settings.seed());
        return run(op, settings, RandomDraws.gaussian(rnd, op.dimension()), rnd);
    }

    /** From a given start vector (e.g. the previous eigenvector, a warm start); restarts seeded by settings. */
    public static LanczosResult run(SymmetricOperator op, LanczosSettings settings, INDArray start) {
        return run(op, settings, start, new SplittableRandom(RandomDraws.derive(settings.seed(), 1)));
    }

    private static LanczosResult run(SymmetricOperator op, LanczosSettings s, INDArray start, SplittableRandom restart) {
        LanczosIteration it = new LanczosIteration(op, start, s.maxIterations(), restart);
        while (true) {
            it.step();
            // after a breakdown every Ritz residual is zero, yet the rest of the space is unexplored: look there first
            if (it.restartedAtLastStep()) continue;
            TridiagonalEigen t = it.ritz();
            int[] wanted = s.order().select(t.values(), s.count());
            double[] residuals = residuals(t, wanted, it.lastBeta());
            boolean converged = wanted.length == Math.min(s.count(), op.dimension())
                    && converged(t.values(), wanted, residuals, s.tolerance());
            if (converged || !it.canStep()) return result(it, t, wanted, residuals, converged, s.tolerance());
        }
    }

    /** |beta_m| |s_{m,i}|: the residual norm of Ritz pair i (m = last row of T). */
    private static double[] residuals(TridiagonalEigen t, int[] wanted, double lastBeta) {
        int last = t.size() - 1;
        double[] r = new double[wanted.length];
        for (int i = 0; i < wanted.length; i++) r[i] = Math.abs(lastBeta * t.component(last, wanted[i]));
        return r;
    }

    private static boolean converged(double[] values, int[] wanted, double[] residuals, double tol) {
        double scale = 0;
        for (double v : values) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < wanted.length; i++) {
            double theta = Math.max(Math.abs(values[wanted[i]]), 1e-12 * scale);
            if (!(residuals[i] <= tol * theta)) return false;
        }
        return true;
    }

    /** Ritz vectors Y = S_wanted^T Q: [k, N]. */
    private static LanczosResult result(LanczosIteration it, TridiagonalEigen t, int[] wanted, double[] residuals, boolean converged, double tol) {
        int m = t.size();
        double[] values = new double[wanted.length];
        INDArray s = Nd4j.zeros(DataType.DOUBLE, m, wanted.length);
        for (int i = 0; i < wanted.length; i++) {
            values[i] = t.values()[wanted[i]];
            for (int r = 0; r < m; r++) s.putScalar(r, i, t.component(r, wanted[i]));
        }
        INDArray vectors = Nd4j.gemm(s, it.basisRows(), true, false);
        return new LanczosResult(values, vectors, residuals, it.size(), converged, tol);
    }
}
