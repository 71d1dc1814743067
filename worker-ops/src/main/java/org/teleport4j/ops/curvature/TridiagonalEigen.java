package org.teleport4j.ops.curvature;

/**
 * Eigenvalues and eigenvectors of a small symmetric tridiagonal matrix T (Lanczos' T_j, a few hundred rows at
 * most) by the implicit QL algorithm with Wilkinson-type shifts (EISPACK tql2, as in the public-domain JAMA).
 * Plain Java in double: exact control of precision, no native call per Lanczos step.
 *
 * @param values  eigenvalues, ascending
 * @param vectors vectors[i][j] = component i of the eigenvector of values[j] (unit columns)
 */
public record TridiagonalEigen(double[] values, double[][] vectors) {

    private static final double EPS = Math.ulp(1.0);

    /**
     * @param diagonal    T's diagonal, length m
     * @param offDiagonal T's off-diagonal, offDiagonal[i] = T[i][i+1] = T[i+1][i], length at least m - 1
     *                    (extra entries are ignored)
     */
    public static TridiagonalEigen of(double[] diagonal, double[] offDiagonal) {
        int n = diagonal.length;
        if (n == 0) return new TridiagonalEigen(new double[0], new double[0][0]);
        if (offDiagonal.length < n - 1) throw new IllegalArgumentException("need " + (n - 1) + " off-diagonal entries, got " + offDiagonal.length);
        double[] d = diagonal.clone();
        double[] e = new double[n];
        System.arraycopy(offDiagonal, 0, e, 0, n - 1);   // e[i] couples i and i+1; e[n-1] = 0
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1.0;

        double f = 0.0;
        double tst1 = 0.0;
        int maxSweeps = 60 * n + 60;
        int sweeps = 0;
        for (int l = 0; l < n; l++) {
            // find a negligible off-diagonal entry: T splits there
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n && Math.abs(e[m]) > EPS * tst1) m++;
            if (m == n) m = n - 1;
            if (m > l) {
                do {
                    if (++sweeps > maxSweeps) throw new ArithmeticException("tridiagonal QL did not converge in " + maxSweeps + " sweeps");
                    // implicit shift from the leading 2x2 block
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = Math.hypot(p, 1.0);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) d[i] -= h;
                    f += h;
                    // implicit QL transformation (a chain of Givens rotations), accumulated into v
                    p = d[m];
                    double c = 1.0, c2 = c, c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0, s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        for (int k = 0; k < n; k++) {
                            h = v[k][i + 1];
                            v[k][i + 1] = s * v[k][i] + c * h;
                            v[k][i] = c * v[k][i] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > EPS * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
        // ascending order, vectors along
        for (int i = 0; i < n - 1; i++) {
            int k = i;
            double p = d[i];
            for (int j = i + 1; j < n; j++) if (d[j] < p) {
                k = j;
                p = d[j];
            }
            if (k != i) {
                d[k] = d[i];
                d[i] = p;
                for (int j = 0; j < n; j++) {
                    double t = v[j][i];
                    v[j][i] = v[j][k];
                    v[j][k] = t;
                }
            }
        }
        return new TridiagonalEigen(d, v);
    }

    public int size() {
        return values.length;
    }

    /** Component {@code row} of eigenvector {@code index}. */
    public double component(int row, int index) {
        return vectors[row][index];
    }
}
