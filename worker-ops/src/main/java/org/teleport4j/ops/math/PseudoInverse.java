package org.teleport4j.ops.math;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moore-Penrose pseudo-inverse by SVD, with the tolerance rule of the paper's reference code (numpy /
 * torch default): singular values at or below max(m, n) * eps * sigma_max are dropped, eps = 2^-52.
 *
 * <p>A tall m x n matrix (m >= n) is first reduced by a thin QR (A = Q R), and the small n x n R is
 * decomposed: A = (Q U_R) S V^T has the same singular values as A, so the tolerance rule is unchanged,
 * but the cost is O(m n^2) instead of the O(m^2 n) of LAPACK's full-U gesvd (teleport batches have
 * m = 200..2000 rows and n = a layer width). A wide matrix uses pinv(A) = pinv(A^T)^T.
 *
 * @param matrix         the pseudo-inverse, [n, m] for an [m, n] input
 * @param rank           number of singular values kept
 * @param singularValues all singular values, descending
 * @param tolerance      the cut-off used
 */
public record PseudoInverse(INDArray matrix, int rank, double[] singularValues, double tolerance) {

    private static final double EPS = Math.ulp(1.0);
    private static final Object LAPACK_LOCK = new Object();

    public static PseudoInverse of(INDArray a) {
        if (a.rank() != 2) throw new IllegalArgumentException("pseudo-inverse needs a matrix, got rank " + a.rank());
        if (!Matrices.allFinite(a)) {
            // LAPACK refuses NaN input; a NaN result lets the teleport's non-finite check reject the step
            return new PseudoInverse(Nd4j.create(DataType.DOUBLE, a.columns(), a.rows()).assign(Double.NaN), 0, new double[0], Double.NaN);
        }
        if (a.rows() < a.columns()) {
            PseudoInverse t = of(a.transpose());
            return new PseudoInverse(t.matrix.transpose().dup(), t.rank, t.singularValues, t.tolerance);
        }
        int m = a.rows(), n = a.columns();
        INDArray q = a.castTo(DataType.DOUBLE).dup('f');         // geqrf overwrites its input with Q
        INDArray r = Nd4j.create(DataType.DOUBLE, new long[]{n, n}, 'f');
        INDArray s = Nd4j.create(DataType.DOUBLE, n);
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[]{n, n}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[]{n, n}, 'f');
        // One LAPACK call at a time per JVM: concurrent geqrf/gesvd from several Spark tasks in one executor corrupted
        // the native heap here ("malloc(): unsorted double linked list corrupted", SIGSEGV in libc), never when serial.
        synchronized (LAPACK_LOCK) {
            Nd4j.getBlasWrapper().lapack().geqrf(q, r);
            Nd4j.getBlasWrapper().lapack().gesvd(r.dup('f'), s, u, vt);   // gesvd needs 'f' order input
        }
        double[] sv = s.toDoubleVector();
        double sMax = sv.length == 0 ? 0 : sv[0];
        double tol = Math.max(m, n) * EPS * sMax;
        int rank = 0;
        double[] inv = new double[n];
        for (int i = 0; i < n; i++) {
            if (sv[i] > tol) {
                inv[i] = 1.0 / sv[i];
                rank++;
            }
        }
        // pinv(A) = V diag(inv) U_R^T Q^T
        INDArray vScaled = vt.transpose().mulRowVector(Nd4j.create(inv, new long[]{1, n}, DataType.DOUBLE));
        INDArray small = Nd4j.gemm(vScaled, u, false, true);                   // [n, n]
        INDArray pinv = Nd4j.gemm(small, q, false, true);                      // [n, m]
        return new PseudoInverse(pinv, rank, sv, tol);
    }
}
