package org.teleport4j.driver.correlate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The t-distribution tail against tabulated values, and the correlations against hand-computed examples. */
class CorrelationTest {

    @Test
    void twoSidedTailMatchesTables() {
        // Reference values: scipy.stats.t.sf(|t|, df) * 2 / standard t tables.
        assertEquals(0.0734, StudentT.twoSidedP(2.0, 10), 5e-5);
        assertEquals(0.05, StudentT.twoSidedP(2.228138851986, 10), 1e-9);   // t_{0.975, 10}
        assertEquals(0.05, StudentT.twoSidedP(12.70620473617, 1), 1e-9);    // t_{0.975, 1}
        assertEquals(0.01, StudentT.twoSidedP(2.576, 1e7), 1e-4);           // the normal limit
        assertEquals(0.5, StudentT.twoSidedP(1.0, 1), 1e-12);               // Cauchy: P(|T| >= 1) = 1/2 exactly
        assertEquals(1.0, StudentT.twoSidedP(0.0, 5), 1e-15);
        assertEquals(StudentT.twoSidedP(-2.0, 10), StudentT.twoSidedP(2.0, 10), 0.0);
        assertEquals(0.0, StudentT.twoSidedP(Double.POSITIVE_INFINITY, 3));
    }

    @Test
    void incompleteBetaAndGammaKnownValues() {
        assertEquals(0.5, StudentT.regularizedBeta(0.5, 3, 3), 1e-14);      // symmetric
        assertEquals(0.2 * 0.2, StudentT.regularizedBeta(0.2, 2, 1), 1e-14);  // I_x(a, 1) = x^a
        assertEquals(Math.log(24), StudentT.logGamma(5), 1e-13);
        assertEquals(Math.log(Math.sqrt(Math.PI)), StudentT.logGamma(0.5), 1e-13);
    }

    @Test
    void pearsonByHand() {
        // x = 1..5, y = 2,4,5,4,5: sxy = 6, sxx = 10, syy = 6 -> r = 6 / sqrt(60) = 0.774597
        Correlation c = Correlation.pearson(new double[]{1, 2, 3, 4, 5}, new double[]{2, 4, 5, 4, 5});
        assertEquals(6 / Math.sqrt(60), c.r(), 1e-14);
        // t = r sqrt(3 / (1 - r^2)) = 2.12132 (= 3/sqrt(2)), df 3: two-sided p = 0.12402
        assertEquals(StudentT.twoSidedP(3 / Math.sqrt(2), 3), c.p(), 1e-14);
        assertEquals(0.1240, c.p(), 1e-4);
        assertEquals(-1.0, Correlation.pearson(new double[]{1, 2, 3}, new double[]{3, 2, 1}).r(), 0.0);
        assertEquals(0.0, Correlation.pearson(new double[]{1, 2, 3}, new double[]{3, 2, 1}).p(), 0.0);
        assertTrue(Double.isNaN(Correlation.pearson(new double[]{1, 1, 1}, new double[]{3, 2, 1}).r()), "constant x");
    }

    @Test
    void spearmanWithTiesByHand() {
        assertArrayEquals(new double[]{2.5, 1, 2.5, 4}, Correlation.ranks(new double[]{5, 1, 5, 9}), 0.0);
        // x = 1,2,3,4,5 ; y = 1,3,2,2,5 -> ranks y = 1, 4, 2.5, 2.5, 5. Pearson of ranks by hand:
        // dx = -2,-1,0,1,2 ; dy = -2, 1, -0.5, -0.5, 2 ; sxy = 4 - 1 + 0 - 0.5 + 4 = 6.5 ; sxx = 10 ; syy = 4+1+.25+.25+4 = 9.5
        Correlation s = Correlation.spearman(new double[]{1, 2, 3, 4, 5}, new double[]{1, 3, 2, 2, 5});
        assertEquals(6.5 / Math.sqrt(95), s.r(), 1e-14);
        assertEquals(5, s.n());
        // A monotone but non-linear relation: Spearman 1, Pearson below 1.
        double[] x = {1, 2, 3, 4, 5, 6}, y = {1, 8, 27, 64, 125, 216};
        assertEquals(1.0, Correlation.spearman(x, y).r(), 1e-15);
        assertTrue(Correlation.pearson(x, y).r() < 0.99);
    }
}
