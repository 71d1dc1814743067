package org.teleport4j.driver.experiment;

import java.util.Locale;

/** Mean and sample standard deviation over paired seeds. */
public record Stats(double mean, double std, int n) {
    public static Stats of(double[] v) {
        int n = v.length;
        double m = 0;
        for (double x : v) m += x;
        m /= n;
        double ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        return new Stats(m, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }
}
