package org.teleport4j.ops.curvature;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.testutil.TestData;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Hutchinson's estimator: unbiased within its standard error, the error bar it reports is the true one, 1/sqrt(P) decay. */
class HutchinsonTest {

    /** Var(z^T A z) for Rademacher z: 2 (||A||_F^2 - sum_i A_ii^2). */
    private static double rademacherVariance(INDArray a) {
        INDArray diag = org.nd4j.linalg.factory.Nd4j.diag(a);
        return 2 * (a.mul(a).sumNumber().doubleValue() - diag.mul(diag).sumNumber().doubleValue());
    }

    @Test
    void estimateIsWithinItsStandardErrorWhichMatchesTheTheoryAndShrinksLikeOneOverSqrtProbes() {
        Random rnd = new Random(31);
        MatrixOperator op = new MatrixOperator(JacobiEigen.randomSymmetric(rnd, 30).addi(org.nd4j.linalg.factory.Nd4j.eye(30).muli(2.0)));
        INDArray a = op.matrix();
        double trace = org.nd4j.linalg.factory.Nd4j.diag(a).sumNumber().doubleValue();
        double sigma = Math.sqrt(rademacherVariance(a));

        TraceEstimate small = Hutchinson.estimate(op, 100, 7), large = Hutchinson.estimate(op, 1600, 7);
        for (TraceEstimate e : new TraceEstimate[]{small, large}) {
            double z = (e.trace() - trace) / e.standardError();
            double seRatio = e.standardError() / (sigma / Math.sqrt(e.probes()));
            System.out.printf("HUTCHINSON P=%d: estimate %.4f, true %.4f, error %.3f = %.2f SE; SE %.4f vs theory %.4f (ratio %.3f)%n",
                    e.probes(), e.trace(), trace, e.trace() - trace, z, e.standardError(), sigma / Math.sqrt(e.probes()), seRatio);
            assertTrue(Math.abs(z) < 4, "within 4 standard errors");
            assertTrue(Math.abs(seRatio - 1) < (e.probes() == 100 ? 0.25 : 0.08), "reported SE matches sqrt(Var / P)");
        }
        double shrink = small.standardError() / large.standardError();
        System.out.printf("HUTCHINSON SE(100) / SE(1600) = %.3f (1/sqrt(P) predicts 4)%n", shrink);
        assertEquals(4.0, shrink, 0.8);
    }

    @Test
    void diagonalOperatorHasZeroVarianceAndSeedsAreReproducible() {
        MatrixOperator diag = MatrixOperator.diagonal(1, -2, 3.5, 4, 0.25);
        TraceEstimate e = Hutchinson.estimate(diag, 10, 3);
        assertEquals(6.75, e.trace(), 1e-14, "z^T D z = tr D for every Rademacher z");
        assertEquals(0.0, e.standardError(), 1e-14);

        MatrixOperator op = new MatrixOperator(JacobiEigen.randomSymmetric(new Random(4), 12));
        TraceEstimate one = Hutchinson.estimate(op, 20, 99), batched = Hutchinson.estimate(op, 20, 6, 99), other = Hutchinson.estimate(op, 20, 100);
        assertArrayEquals(one.samples(), batched.samples(), 1e-12, "probes per pass changes cost, not values");
        assertNotEquals(one.trace(), other.trace(), "another seed draws other probes");
        TraceEstimate prefix = Hutchinson.estimate(op, 8, 99);
        for (int i = 0; i < 8; i++) assertEquals(one.samples()[i], prefix.samples()[i], 0.0, "probe i depends only on (seed, i)");
    }

    @Test
    void hessianTraceOfTinyNetworkAgreesWithTheDenseHessian() {
        Random rnd = new Random(41);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(5, 6, 4, 3));
        HessianOperator h = new HessianOperator(arch, TestData.params(rnd, arch, 0.8), new LocalSample(TestData.batch(rnd, arch, 24)));
        INDArray dense = SymmetricOperator.denseMatrix(h);
        double trace = org.nd4j.linalg.factory.Nd4j.diag(dense).sumNumber().doubleValue();
        TraceEstimate e = Hutchinson.estimate(h, 200, 5);
        double z = (e.trace() - trace) / e.standardError();
        System.out.printf("HUTCHINSON Hessian of %s: estimate %.5f +- %.5f, exact %.5f (%.2f SE)%n", arch.layers(), e.trace(), e.standardError(), trace, z);
        assertTrue(Math.abs(z) < 4);
        double sigma = Math.sqrt(rademacherVariance(dense.add(dense.transpose()).muli(0.5)));
        assertEquals(1.0, e.standardError() / (sigma / Math.sqrt(200)), 0.25, "SE matches the dense Hessian's Rademacher variance");
    }
}
