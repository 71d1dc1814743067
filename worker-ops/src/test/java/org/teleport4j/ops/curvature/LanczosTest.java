package org.teleport4j.ops.curvature;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.testutil.TestData;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.teleport4j.ops.curvature.JacobiEigen.*;

/** Lanczos and its tridiagonal eigensolver against known spectra and an independent Jacobi oracle. */
class LanczosTest {

    private static double trueResidual(SymmetricOperator op, LanczosResult r, int i) {
        INDArray y = r.eigenvectors().getRow(i, true).dup();
        return op.apply(y).sub(y.mul(r.eigenvalues()[i])).norm2Number().doubleValue();
    }

    @Test
    void tridiagonalEigenAgreesWithJacobiAndHasOrthonormalVectors() {
        Random rnd = new Random(11);
        int m = 25;
        double[] d = new double[m], e = new double[m - 1];
        for (int i = 0; i < m; i++) d[i] = rnd.nextGaussian();
        for (int i = 0; i < m - 1; i++) e[i] = rnd.nextGaussian();
        TridiagonalEigen t = TridiagonalEigen.of(d, e);
        INDArray dense = Nd4j.diag(Nd4j.createFromArray(d));
        for (int i = 0; i < m - 1; i++) {
            dense.putScalar(i, i + 1, e[i]);
            dense.putScalar(i + 1, i, e[i]);
        }
        double err = maxRelativeError(t.values(), eigenvalues(dense), 1.0);
        INDArray v = Nd4j.create(t.vectors());
        double orth = v.transpose().mmul(v).sub(Nd4j.eye(m).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double resid = dense.mmul(v).sub(v.mulRowVector(Nd4j.createFromArray(t.values()).reshape(1, m))).amaxNumber().doubleValue();
        System.out.printf("TRIDIAGONAL QL vs Jacobi (m=%d): eigenvalue error %.2e, ||V^T V - I||_max %.2e, ||T V - V Theta||_max %.2e%n", m, err, orth, resid);
        assertTrue(err < 1e-13 && orth < 1e-13 && resid < 1e-13);
        for (int i = 1; i < m; i++) assertTrue(t.values()[i - 1] <= t.values()[i], "ascending");
    }

    @Test
    void diagonalMatrixTopEigenvaluesAreExact() {
        // 60 entries: a dense bulk in [0, 1) and three separated top values
        Random rnd = new Random(3);
        double[] diag = new double[60];
        for (int i = 0; i < diag.length; i++) diag[i] = rnd.nextDouble();
        diag[7] = 10.0;
        diag[31] = 7.0;
        diag[50] = 5.0;
        MatrixOperator op = MatrixOperator.diagonal(diag);
        LanczosResult r = Lanczos.run(op, LanczosSettings.top(3, 1).withTolerance(1e-10));
        double err = maxRelativeError(r.eigenvalues(), new double[]{10, 7, 5}, 1.0);
        System.out.printf("LANCZOS diagonal N=60 top-3: error %.2e, %d products, residuals %s%n", err, r.iterations(), Arrays.toString(r.residuals()));
        assertTrue(r.converged());
        assertTrue(err < 1e-12, "eigenvalue error " + err);
        assertTrue(r.iterations() < 40, "well-separated top values converge long before N products: " + r.iterations());
        int[] where = {7, 31, 50};
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, Math.abs(r.eigenvectors().getDouble(i, where[i])), 1e-8, "eigenvector " + i + " is the unit vector e_" + where[i]);
            assertTrue(trueResidual(op, r, i) <= 1e-10 * r.eigenvalues()[i] * 1.01, "true residual within tolerance");
        }
    }

    @Test
    void prescribedSpectrumUnderRandomRotation() {
        Random rnd = new Random(5);
        int n = 50;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) spectrum[i] = -2.0 + 4.0 * i / (n - 1);      // bulk in [-2, 2]
        spectrum[n - 1] = 9.0;
        spectrum[n - 2] = 6.5;
        spectrum[n - 3] = 4.0;
        spectrum[0] = -12.0;                                                   // the largest magnitude is negative
        INDArray q = randomOrthogonal(rnd, n);
        MatrixOperator op = MatrixOperator.withSpectrum(q, spectrum);
        double[] oracle = eigenvalues(op.matrix());
        double oracleErr = maxRelativeError(oracle, Arrays.stream(spectrum).sorted().toArray(), 1.0);
        assertTrue(oracleErr < 1e-12, "the Jacobi oracle itself recovers the prescribed spectrum: " + oracleErr);

        LanczosResult top = Lanczos.run(op, LanczosSettings.top(3, 2).withTolerance(1e-10));
        double topErr = maxRelativeError(top.eigenvalues(), new double[]{9.0, 6.5, 4.0}, 1.0);
        LanczosResult low = Lanczos.run(op, LanczosSettings.top(2, 2).withOrder(EigenvalueOrder.SMALLEST).withTolerance(1e-10));
        double[] sorted = Arrays.stream(spectrum).sorted().toArray();
        double lowErr = maxRelativeError(low.eigenvalues(), new double[]{sorted[0], sorted[1]}, 1.0);
        LanczosResult mag = Lanczos.run(op, LanczosSettings.top(1, 2).withOrder(EigenvalueOrder.LARGEST_MAGNITUDE).withTolerance(1e-10));
        System.out.printf("LANCZOS Q diag Q^T N=%d: top-3 error %.2e (%d products), smallest-2 error %.2e (%d), magnitude %.12f (%d)%n",
                n, topErr, top.iterations(), lowErr, low.iterations(), mag.first(), mag.iterations());
        assertTrue(topErr < 1e-11 && lowErr < 1e-11);
        assertEquals(-12.0, mag.first(), 1e-10);
        // eigenvectors are the prescribed columns of Q (up to sign); estimated residuals are the true ones
        int[] cols = {n - 1, n - 2, n - 3};
        for (int i = 0; i < 3; i++) {
            double overlap = Math.abs(top.eigenvectors().getRow(i, true).mul(q.getColumn(cols[i]).reshape(1, n)).sumNumber().doubleValue());
            assertEquals(1.0, overlap, 1e-9, "eigenvector " + i);
            double resid = trueResidual(op, top, i);
            assertTrue(resid <= 1e-10 * Math.abs(top.eigenvalues()[i]) * 1.01, "true residual " + resid);
            assertEquals(top.residuals()[i], resid, 1e-12 + 1e-3 * resid, "estimated and true residual agree");
        }
    }

    @Test
    void repeatedEigenvalueCopiesAreReachedByBreakdownRestarts() {
        // from one start vector the Krylov space holds one vector per distinct eigenvalue; the restart after
        // the breakdown (invariant subspace) must find the other copies of 5
        MatrixOperator op = MatrixOperator.withSpectrum(randomOrthogonal(new Random(8), 6), 5, 5, 5, 1, 0.5, 0.25);
        LanczosResult r = Lanczos.run(op, LanczosSettings.top(3, 4).withTolerance(1e-10));
        System.out.printf("LANCZOS repeated eigenvalue: top-3 %s after %d products%n", Arrays.toString(r.eigenvalues()), r.iterations());
        assertTrue(r.converged());
        for (double v : r.eigenvalues()) assertEquals(5.0, v, 1e-10);
        INDArray y = r.eigenvectors();
        assertTrue(y.mmul(y.transpose()).sub(Nd4j.eye(3).castTo(DataType.DOUBLE)).amaxNumber().doubleValue() < 1e-10, "three orthonormal copies");
    }

    @Test
    void quadraticModelHessianIsTheScaledGramMatrix() {
        // linear least squares (one layer, one output, squared error): H = X^T X / n exactly
        Random rnd = new Random(13);
        NetArchitecture arch = NetArchitecture.regression(new MlpSpec(new int[]{20, 1}, HiddenActivation.IDENTITY, 0, false));
        INDArray x = TestData.gaussian(rnd, 50, 20, 1.0).mulRowVector(Nd4j.linspace(DataType.DOUBLE, 0.2, 3.0, 20).reshape(1, 20));
        Batch batch = new Batch(x, TestData.gaussian(rnd, 50, 1, 1.0));
        INDArray gram = x.transpose().mmul(x).divi(50);
        double[] oracle = eigenvalues(gram);
        HessianOperator h = new HessianOperator(arch, TestData.params(rnd, arch, 1.0), new LocalSample(batch));
        LanczosResult r = Lanczos.run(h, LanczosSettings.top(4, 6).withTolerance(1e-10));
        double err = maxRelativeError(r.eigenvalues(), topDescending(oracle, 4), 1.0);
        System.out.printf("LANCZOS quadratic model (X^T X / n, N=20): top-4 error %.2e after %d HVPs%n", err, r.iterations());
        assertTrue(r.converged() && err < 1e-11);
    }

    @Test
    void tinyNetworkHessianAgreesWithDenseEigenvalues() {
        for (MlpSpec spec : new MlpSpec[]{MlpSpec.paper(5, 6, 4, 3), new MlpSpec(new int[]{4, 5, 3}, HiddenActivation.TANH, 0, true)}) {
            Random rnd = new Random(17);
            NetArchitecture arch = NetArchitecture.classifier(spec);
            INDArray w = TestData.params(rnd, arch, 0.8);
            HessianOperator h = new HessianOperator(arch, w, new LocalSample(TestData.batch(rnd, arch, 24)));
            INDArray dense = SymmetricOperator.denseMatrix(h);
            double asym = dense.sub(dense.transpose()).amaxNumber().doubleValue() / dense.amaxNumber().doubleValue();
            double[] oracle = eigenvalues(dense.add(dense.transpose()).muli(0.5));
            LanczosResult top = Lanczos.run(h, LanczosSettings.top(3, 9).withTolerance(1e-10));
            LanczosResult low = Lanczos.run(h, LanczosSettings.top(2, 9).withOrder(EigenvalueOrder.SMALLEST).withTolerance(1e-10));
            double scale = oracle[oracle.length - 1];
            double topErr = maxRelativeError(top.eigenvalues(), topDescending(oracle, 3), scale);
            double lowErr = maxRelativeError(low.eigenvalues(), new double[]{oracle[0], oracle[1]}, scale);
            System.out.printf("LANCZOS dense Hessian %s N=%d: asymmetry %.1e, top-3 %s, error vs Jacobi %.2e (%d HVPs); smallest-2 error %.2e (%d HVPs)%n",
                    spec, h.dimension(), asym, Arrays.toString(top.eigenvalues()), topErr, top.iterations(), lowErr, low.iterations());
            assertTrue(asym < 1e-12, "the R-operator Hessian is symmetric");
            assertTrue(top.converged() && low.converged());
            assertTrue(topErr < 1e-10 && lowErr < 1e-10);
        }
    }

    @Test
    void sameSeedSameResultAndWarmStartConvergesFaster() {
        Random rnd = new Random(22);
        double[] spectrum = new double[40];
        for (int i = 0; i < 40; i++) spectrum[i] = rnd.nextDouble();
        spectrum[39] = 3.0;
        MatrixOperator op = MatrixOperator.withSpectrum(randomOrthogonal(new Random(21), 40), spectrum);
        LanczosResult a = Lanczos.run(op, LanczosSettings.top(1, 5)), b = Lanczos.run(op, LanczosSettings.top(1, 5));
        assertEquals(a.first(), b.first(), 0.0);
        assertEquals(a.iterations(), b.iterations());
        LanczosResult warm = Lanczos.run(op, LanczosSettings.top(1, 5), a.firstVector());
        System.out.printf("LANCZOS cold start %d products, warm start from the eigenvector %d%n", a.iterations(), warm.iterations());
        assertTrue(warm.iterations() < a.iterations());
        assertEquals(3.0, warm.first(), 1e-6 * 3);
    }
}
