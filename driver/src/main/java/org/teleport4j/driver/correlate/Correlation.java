package org.teleport4j.driver.correlate;

import java.util.Arrays;

/**
 * Pearson and Spearman correlation with two-sided p-values. Both tests use t = r sqrt((n - 2) / (1 - r^2)) with
 * n - 2 degrees of freedom; for Spearman this is the usual large-sample approximation on the ranks (exact
 * permutation tables are not used), adequate for the n >= 8 models the job runs.
 *
 * @param r the coefficient (NaN when either variable is constant or n < 3)
 * @param p two-sided p-value of r = 0 (NaN where r is)
 * @param n number of pairs
 */
public record Correlation(double r, double p, int n) {

    public static Correlation pearson(double[] x, double[] y) {
        requirePairs(x, y);
        double r = coefficient(x, y);
        return new Correlation(r, pValue(r, x.length), x.length);
    }

    /** Pearson correlation of the ranks, ties given their average rank. */
    public static Correlation spearman(double[] x, double[] y) {
        requirePairs(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /** 1-based ranks; tied values share the mean of the ranks they span (e.g. {5, 1, 5} -> {2.5, 1, 2.5}). */
    public static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] rank = new double[v.length];
        for (int start = 0; start < v.length; ) {
            int end = start;
            while (end + 1 < v.length && v[order[end + 1]] == v[order[start]]) end++;
            double mean = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) rank[order[k]] = mean;
            start = end + 1;
        }
        return rank;
    }

    static double coefficient(double[] x, double[] y) {
        int n = x.length;
        if (n < 3) return Double.NaN;
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return Double.NaN;
        // Clamp: rounding can push |r| a hair past 1 for perfectly (anti)correlated data.
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    static double pValue(double r, int n) {
        if (Double.isNaN(r)) return Double.NaN;
        if (Math.abs(r) == 1) return 0.0;
        double df = n - 2;
        return StudentT.twoSidedP(r * Math.sqrt(df / (1 - r * r)), df);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static void requirePairs(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("need paired values, got " + x.length + " and " + y.length);
    }
}
