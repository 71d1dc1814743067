package org.teleport4j.ops.curvature;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.testutil.TestData;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Stochastic Lanczos quadrature: exact rules on known spectra, Gauss exactness of moments, a density that integrates to one. */
class SpectralDensityTest {

    @Test
    void fullLengthRuleOnADiagonalMatrixRecoversTheSpectrumWithEqualWeights() {
        double[] spectrum = {-1.5, -0.25, 0.0, 0.5, 1.0, 2.0, 3.25, 4.0, 7.5, 10.0};
        MatrixOperator op = MatrixOperator.diagonal(spectrum);
        SpectralDensity d = StochasticLanczosQuadrature.estimate(op, 3, spectrum.length, 12);
        double[] sorted = spectrum.clone();
        Arrays.sort(sorted);
        double nodeErr = 0, weightErr = 0;
        for (int p = 0; p < d.probes(); p++) {
            assertEquals(spectrum.length, d.nodes().get(p).length);
            for (int i = 0; i < sorted.length; i++) {
                nodeErr = Math.max(nodeErr, Math.abs(d.nodes().get(p)[i] - sorted[i]));
                // Rademacher / sqrt(N): every eigenvector e_i carries weight v_i^2 = 1/N exactly
                weightErr = Math.max(weightErr, Math.abs(d.weights().get(p)[i] - 1.0 / sorted.length));
            }
        }
        double trace = Arrays.stream(spectrum).sum();
        System.out.printf("SLQ diagonal N=10, 10 steps: node error %.2e, weight error %.2e, trace %.12f (exact %.2f)%n", nodeErr, weightErr, d.trace(), trace);
        assertTrue(nodeErr < 1e-12 && weightErr < 1e-12);
        assertEquals(trace, d.trace(), 1e-11);
        assertEquals(30, d.products());
    }

    @Test
    void anMStepRuleIntegratesPolynomialsUpToDegreeTwoMMinusOneExactly() {
        Random rnd = new Random(51);
        int n = 40, m = 6;
        MatrixOperator op = new MatrixOperator(JacobiEigen.randomSymmetric(rnd, n).divi(Math.sqrt(n)));
        INDArray v = Hutchinson.probe(77, 0, n);
        INDArray unit = v.div(v.norm2Number().doubleValue());
        StochasticLanczosQuadrature.QuadratureRule rule = StochasticLanczosQuadrature.rule(op, v, m);
        assertEquals(m, rule.nodes().length);
        assertEquals(1.0, Arrays.stream(rule.weights()).sum(), 1e-13);
        INDArray power = unit.dup();
        double worst = 0;
        for (int k = 0; k <= 2 * m + 1; k++) {
            double exact = power.mul(unit).sumNumber().doubleValue();            // unit^T A^k unit
            double quad = 0;
            for (int i = 0; i < m; i++) quad += rule.weights()[i] * Math.pow(rule.nodes()[i], k);
            double err = Math.abs(quad - exact) / Math.max(1.0, Math.abs(exact));
            if (k <= 2 * m - 1) worst = Math.max(worst, err);
            else System.out.printf("SLQ degree %d (beyond 2m-1): quadrature error %.2e (not exact, as expected)%n", k, err);
            if (k == 2 * m) assertTrue(err > 1e-10, "degree 2m is not integrated exactly: the test can tell");
            power = op.apply(power);
        }
        System.out.printf("SLQ m=%d rule: worst moment error for degrees 0..%d: %.2e%n", m, 2 * m - 1, worst);
        assertTrue(worst < 1e-12);
    }

    @Test
    void densityIntegratesToOneAndItsTraceAgreesWithTheDenseHessian() {
        Random rnd = new Random(61);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(5, 6, 4, 3));
        HessianOperator h = new HessianOperator(arch, TestData.params(rnd, arch, 0.8), new LocalSample(TestData.batch(rnd, arch, 24)));
        INDArray dense = SymmetricOperator.denseMatrix(h);
        double[] exact = JacobiEigen.eigenvalues(dense.add(dense.transpose()).muli(0.5));
        double trace = Nd4j.diag(dense).sumNumber().doubleValue();
        SpectralDensity d = StochasticLanczosQuadrature.estimate(h, 40, 12, 8);
        double[] grid = d.grid(2001, 1.0);
        double sigma = 0.02 * (grid[grid.length - 1] - grid[0]);
        double[] rho = d.density(grid, sigma);
        double integral = 0;
        for (int i = 1; i < grid.length; i++) integral += 0.5 * (rho[i] + rho[i - 1]) * (grid[i] - grid[i - 1]);
        // second moment: (1/N) tr(H^2) = ||H||_F^2 / N, exact per probe up to Hutchinson noise
        double m2 = dense.mul(dense).sumNumber().doubleValue() / h.dimension();
        double topNode = Arrays.stream(d.nodes().toArray(double[][]::new)).mapToDouble(a -> a[a.length - 1]).max().orElseThrow();
        System.out.printf("SLQ Hessian N=%d: integral %.6f, trace %.4f (exact %.4f), m2 %.4f (exact %.4f), largest node %.6f (lambda_max %.6f), %d HVPs%n",
                h.dimension(), integral, d.trace(), trace, d.normalisedMoment(2), m2, topNode, exact[exact.length - 1], d.products());
        assertEquals(1.0, integral, 1e-6);
        assertEquals(trace, d.trace(), 0.15 * Math.abs(trace) + 0.05);
        assertEquals(m2, d.normalisedMoment(2), 0.25 * m2);
        assertEquals(exact[exact.length - 1], topNode, 1e-6 * exact[exact.length - 1], "Lanczos' extreme node converges to lambda_max");
    }
}
