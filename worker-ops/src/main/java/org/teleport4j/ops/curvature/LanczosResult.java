package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Eigenpairs found by {@link Lanczos}, in the requested order.
 *
 * @param eigenvalues  Ritz values theta_i, length k (fewer only when the operator's Krylov space was smaller)
 * @param eigenvectors unit Ritz vectors y_i as rows [k, N]
 * @param residuals    ||A y_i - theta_i y_i|| as Lanczos estimates |beta_m s_{m,i}| (exact in exact arithmetic;
 *                     with full reorthogonalisation they match the true residuals to rounding)
 * @param iterations   operator products used (HVP passes)
 * @param converged    whether every residual met the tolerance
 * @param tolerance    the relative tolerance that was asked for
 */
public record LanczosResult(double[] eigenvalues, INDArray eigenvectors, double[] residuals, int iterations, boolean converged,
                            double tolerance) {

    /** The first eigenvalue in the requested order (lambda_max for {@link EigenvalueOrder#LARGEST}). */
    public double first() {
        return eigenvalues[0];
    }

    /** The first eigenvector, [1, N]. */
    public INDArray firstVector() {
        return eigenvectors.getRow(0, true).dup();
    }

    public int count() {
        return eigenvalues.length;
    }
}
