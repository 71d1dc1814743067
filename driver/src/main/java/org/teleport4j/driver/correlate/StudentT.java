package org.teleport4j.driver.correlate;

/**
 * Student's t distribution, as far as correlation tests need it: the two-sided tail probability
 * P(|T| >= |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2), with the regularized incomplete beta function I from its
 * continued fraction (Numerical Recipes' betacf, modified Lentz). Written here because the project carries no
 * statistics library, and the few lines are easy to check against tabulated values.
 */
public final class StudentT {
    private static final int MAX_TERMS = 300;
    private static final double EPS = 1e-15;
    private static final double TINY = 1e-300;

    private StudentT() {
    }

    /** Two-sided p-value of the statistic t with df > 0 degrees of freedom; NaN for NaN input. */
    public static double twoSidedP(double t, double df) {
        if (!(df > 0)) throw new IllegalArgumentException("degrees of freedom must be positive, got " + df);
        if (Double.isNaN(t)) return Double.NaN;
        if (Double.isInfinite(t)) return 0.0;
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** I_x(a, b) for x in [0, 1], a, b > 0. */
    public static double regularizedBeta(double x, double a, double b) {
        if (x < 0 || x > 1) throw new IllegalArgumentException("x must be in [0, 1], got " + x);
        if (x == 0 || x == 1) return x;
        double logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        double front = Math.exp(logFront);
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) beyond.
        if (x < (a + 1) / (a + b + 2)) return front * continuedFraction(x, a, b) / a;
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        if (Math.abs(d) < TINY) d = TINY;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_TERMS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) d = TINY;
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) d = TINY;
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) return h;
        }
        throw new ArithmeticException("incomplete beta continued fraction did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    /** ln Gamma(x), x > 0, Lanczos approximation (g = 7, 9 terms; relative error about 1e-15). */
    static double logGamma(double x) {
        if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
                12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        x -= 1;
        double s = c[0];
        for (int i = 1; i < 9; i++) s += c[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
