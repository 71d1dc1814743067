package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Random;

/**
 * Test oracle, independent of the code under test: eigenvalues of a dense symmetric matrix by the cyclic
 * Jacobi method (rotations until the off-diagonal mass is at rounding level), and random orthogonal matrices
 * by modified Gram-Schmidt.
 */
final class JacobiEigen {
    private JacobiEigen() {
    }

    /** All eigenvalues, ascending. */
    static double[] eigenvalues(INDArray symmetric) {
        int n = symmetric.rows();
        double[][] a = symmetric.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, total = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    total += a[i][j] * a[i][j];
                    if (i != j) off += a[i][j] * a[i][j];
                }
            if (off <= 1e-30 * total) break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0.0) continue;
                    // the rotation that zeroes a[p][q]: tan(2 phi) = 2 a_pq / (a_qq - a_pp), smaller root for t
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {            // columns p, q
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {            // rows p, q
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) ev[i] = a[i][i];
        Arrays.sort(ev);
        return ev;
    }

    /** A random n x n orthogonal matrix (Gram-Schmidt, twice, of a Gaussian matrix). */
    static INDArray randomOrthogonal(Random rnd, int n) {
        double[][] q = new double[n][n];   // q[j] = column j
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) q[j][i] = rnd.nextGaussian();
            for (int pass = 0; pass < 2; pass++)
                for (int k = 0; k < j; k++) {
                    double d = 0;
                    for (int i = 0; i < n; i++) d += q[j][i] * q[k][i];
                    for (int i = 0; i < n; i++) q[j][i] -= d * q[k][i];
                }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += q[j][i] * q[j][i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) q[j][i] /= norm;
        }
        return Nd4j.create(q).castTo(DataType.DOUBLE).transpose().dup();
    }

    /** A random symmetric matrix with N(0, 1) entries. */
    static INDArray randomSymmetric(Random rnd, int n) {
        INDArray g = org.teleport4j.ops.testutil.TestData.gaussian(rnd, n, n, 1.0);
        return g.add(g.transpose()).muli(0.5);
    }

    /** Largest |a_i - b_i| / max(|b_i|, floor). */
    static double maxRelativeError(double[] a, double[] b, double floor) {
        double worst = 0;
        for (int i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
        return worst;
    }

    /** The k largest of ascending values, largest first. */
    static double[] topDescending(double[] ascending, int k) {
        double[] out = new double[k];
        for (int i = 0; i < k; i++) out[i] = ascending[ascending.length - 1 - i];
        return out;
    }
}
