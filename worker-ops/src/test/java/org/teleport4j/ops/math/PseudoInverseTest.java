package org.teleport4j.ops.math;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.teleport4j.ops.testutil.TestData.gaussian;

class PseudoInverseTest {

    /** The four Moore-Penrose conditions, each as a relative residual. */
    private static double penroseResidual(INDArray a, INDArray p) {
        double r1 = a.mmul(p).mmul(a).sub(a).norm2Number().doubleValue() / a.norm2Number().doubleValue();
        double r2 = p.mmul(a).mmul(p).sub(p).norm2Number().doubleValue() / p.norm2Number().doubleValue();
        INDArray ap = a.mmul(p), pa = p.mmul(a);
        double r3 = ap.sub(ap.transpose()).norm2Number().doubleValue() / ap.norm2Number().doubleValue();
        double r4 = pa.sub(pa.transpose()).norm2Number().doubleValue() / pa.norm2Number().doubleValue();
        return Math.max(Math.max(r1, r2), Math.max(r3, r4));
    }

    @Test
    void satisfiesPenroseConditionsForTallWideAndRankDeficientMatrices() {
        Random rnd = new Random(1);
        INDArray tall = gaussian(rnd, 40, 7, 1.0);
        INDArray wide = gaussian(rnd, 5, 30, 1.0);
        INDArray lowRank = gaussian(rnd, 20, 3, 1.0).mmul(gaussian(rnd, 3, 8, 1.0));   // 20 x 8, rank 3
        for (INDArray a : new INDArray[]{tall, wide, lowRank}) {
            PseudoInverse p = PseudoInverse.of(a);
            assertEquals(a.columns(), p.matrix().rows());
            assertEquals(a.rows(), p.matrix().columns());
            double r = penroseResidual(a, p.matrix());
            assertTrue(r < 1e-12, "Penrose residual " + r);
        }
        assertEquals(7, PseudoInverse.of(tall).rank());
        assertEquals(5, PseudoInverse.of(wide).rank());
        assertEquals(3, PseudoInverse.of(lowRank).rank(), "the tolerance rule drops the round-off singular values");
    }

    @Test
    void dropsSingularValuesAtOrBelowTheTolerance() {
        Random rnd = new Random(2);
        INDArray a = gaussian(rnd, 10, 4, 1.0);
        PseudoInverse full = PseudoInverse.of(a);
        double tol = 10 * Math.ulp(1.0) * full.singularValues()[0];
        assertEquals(tol, full.tolerance(), 1e-30);
        // a column 1e-17 times another: its singular value sits below max(m,n) eps sigma_max and is dropped
        INDArray b = a.dup();
        b.putColumn(3, a.getColumn(0).mul(1.0).addi(a.getColumn(1).mul(1e-17)));
        assertEquals(3, PseudoInverse.of(b).rank());
    }

    @Test
    void nonFiniteInputGivesNonFiniteOutputInsteadOfThrowing() {
        INDArray a = gaussian(new Random(3), 6, 3, 1.0);
        a.putScalar(2, 1, Double.NaN);
        assertTrue(!Matrices.allFinite(PseudoInverse.of(a).matrix()));
    }
}
