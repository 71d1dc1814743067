package org.teleport4j.ops.curvature;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.symmetry.FormB;
import org.teleport4j.ops.symmetry.Tangent;
import org.teleport4j.ops.testutil.TestData;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;

import static org.junit.jupiter.api.Assertions.*;

/** kappa of known curves; the closed-form Form B curve derivatives against finite differences of the curve itself. */
class OrbitCurvatureTest {

    // ------------------------------------------------------------------ curves with known curvature

    @Test
    void knownCurves() {
        Random rnd = new Random(1);
        INDArray q = JacobiEigen.randomOrthogonal(rnd, 10);
        INDArray e1 = q.getColumn(0).reshape(1, 10), e2 = q.getColumn(1).reshape(1, 10), e3 = q.getColumn(2).reshape(1, 10);
        for (double r : new double[]{0.1, 1.0, 7.5}) {
            // circle c + r (cos t e1 + sin t e2) in a random plane of R^10, at t = 0 and reparametrised t -> 3t
            assertEquals(1 / r, CurveGeometry.curvature(e2.mul(r), e1.mul(-r)), 1e-14 / r);
            assertEquals(1 / r, CurveGeometry.curvature(e2.mul(3 * r), e1.mul(-9 * r)), 1e-14 / r);
            // helix (r cos t, r sin t, c t): kappa = r / (r^2 + c^2)
            double c = 0.7;
            assertEquals(r / (r * r + c * c), CurveGeometry.curvature(e2.mul(r).addi(e3.mul(c)), e1.mul(-r)), 1e-14);
        }
        // parabola (t, a t^2) at its vertex: kappa = 2 a; a straight line (any speed): 0
        assertEquals(2 * 0.3, CurveGeometry.curvature(e1, e2.mul(0.6)), 1e-15);
        assertEquals(0.0, CurveGeometry.curvature(e1.mul(2), e1.mul(5)), 1e-7);
        // and a circle's kappa from finite differences of its points, through the same function
        double r = 2.5, h = 1e-3;
        DoubleFunction<INDArray> circle = t -> e1.mul(r * Math.cos(t + 0.4)).addi(e2.mul(r * Math.sin(t + 0.4)));
        Derivatives fd = Derivatives.of(circle, h);
        assertEquals(1 / r, CurveGeometry.curvature(fd.first, fd.second), 1e-9);
    }

    // ------------------------------------------------------------------ the Form B orbit curve

    /** Fourth-order central differences of a curve at t = 0: errors O(h^4) + rounding / h^2. */
    record Derivatives(INDArray first, INDArray second) {
        static Derivatives of(DoubleFunction<INDArray> curve, double h) {
            INDArray p1 = curve.apply(h), m1 = curve.apply(-h), p2 = curve.apply(2 * h), m2 = curve.apply(-2 * h), c = curve.apply(0);
            INDArray first = p1.sub(m1).muli(8).subi(p2).addi(m2).divi(12 * h);
            INDArray second = p1.add(m1).muli(16).subi(p2).subi(m2).subi(c.mul(30)).divi(12 * h * h);
            return new Derivatives(first, second);
        }
    }

    /** gamma(t) = Form B with g_m = exp(t M_m) on every layer, applied sequentially from w (the curve the closed forms differentiate). */
    private static DoubleFunction<INDArray> formBCurve(NetArchitecture arch, INDArray w, INDArray x, Tangent generators) {
        FormB formB = new FormB(arch);
        return t -> {
            List<INDArray> blocks = new ArrayList<>();
            for (int m = 0; m < generators.size(); m++) {
                int k = arch.hiddenWidth(m);
                blocks.add(MatrixExponential.of(generators.block(m).mul(t)).subi(Nd4j.eye(k).castTo(DataType.DOUBLE)));
            }
            return formB.apply(w, new Tangent(blocks), x);
        };
    }

    /**
     * The largest step in {1e-3, 3e-4, 1e-4} for which no hidden activation A exp(t M) changes sign on
     * [-2h, 2h]: a LeakyReLU sigma^-1 has a kink at 0, which a difference must not straddle.
     */
    private static double smoothStep(NetArchitecture arch, INDArray w, INDArray x, Tangent generators) {
        for (double h : new double[]{1e-3, 3e-4, 1e-4}) if (kinkFree(arch, w, x, generators, -2 * h, 2 * h)) return h;
        throw new IllegalStateException("no kink-free step: choose another seed");
    }

    /** Whether no hidden activation A exp(t M) (at w, unmoved) changes sign for t on a 21-point grid of [lo, hi]. */
    static boolean kinkFree(NetArchitecture arch, INDArray w, INDArray x, Tangent generators, double lo, double hi) {
        var fp = new DenseNetView(arch, w).forward(x);
        for (int m = 0; m < arch.hiddenLayerCount(); m++) {
            INDArray a = fp.inputs().get(m + 1);
            for (int i = 0; i <= 20; i++) {
                INDArray moved = a.mmul(MatrixExponential.of(generators.block(m).mul(lo + (hi - lo) * i / 20)));
                if (moved.gt(0.0).neq(a.gt(0.0)).any()) return false;
            }
        }
        return true;
    }

    private static Tangent only(Tangent g, int layer) {
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < g.size(); m++) blocks.add(m == layer ? g.block(m) : g.block(m).mul(0.0));
        return new Tangent(blocks);
    }

    @Test
    void closedFormDerivativesMatchFiniteDifferencesOfTheCurve() {
        // tanh weights are kept small: near saturation atanh(A exp(tM)) is steep and the differences lose accuracy
        record Case(String label, MlpSpec spec, int n, double scale) {
        }
        List<Case> cases = List.of(
                new Case("leaky, 1 hidden, n > d (paper regime)", MlpSpec.paper(6, 8, 3), 20, 0.5),
                new Case("leaky, 1 hidden, n < d (exact regime)", MlpSpec.paper(9, 6, 3), 5, 0.5),
                new Case("tanh with biases (sigma'' term)", new MlpSpec(new int[]{5, 7, 4}, HiddenActivation.TANH, 0, true), 12, 0.2));
        for (Case c : cases) {
            Random rnd = new Random(3);
            NetArchitecture arch = NetArchitecture.classifier(c.spec);
            INDArray w = TestData.params(rnd, arch, c.scale);
            INDArray x = TestData.gaussian(rnd, c.n, arch.width(0), 1.0);
            Tangent gen = OrbitCurvature.randomGenerators(arch, 5);
            OrbitCurvature.CurveDerivatives exact = OrbitCurvature.derivatives(arch, w, x, gen);
            double h = smoothStep(arch, w, x, gen);
            Derivatives fd = Derivatives.of(formBCurve(arch, w, x, gen), h);
            double e1 = TestData.relErr(exact.velocity(), fd.first), e2 = TestData.relErr(exact.acceleration(), fd.second);
            double kExact = exact.curvature(), kFd = CurveGeometry.curvature(fd.first, fd.second);
            System.out.printf("CURVE %s, h=%.0e: gamma' rel err %.2e, gamma'' rel err %.2e, kappa %.10f vs FD %.10f (rel %.2e)%n",
                    c.label, h, e1, e2, kExact, kFd, TestData.relErr(kExact, kFd));
            assertTrue(e1 < 1e-7 && e2 < 1e-5, c.label);
            assertTrue(TestData.relErr(kExact, kFd) < 1e-5, c.label);
        }
    }

    @Test
    void twoHiddenLayersEachLayerExactlyAndTheSumToFirstOrder() {
        Random rnd = new Random(4);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(5, 7, 6, 3));
        INDArray w = TestData.params(rnd, arch, 0.6);
        INDArray x = TestData.gaussian(rnd, 15, 5, 1.0);
        Tangent gen = OrbitCurvature.randomGenerators(arch, 9);
        double h = smoothStep(arch, w, x, gen);
        for (int layer = 0; layer < 2; layer++) {
            Tangent one = only(gen, layer);
            OrbitCurvature.CurveDerivatives exact = OrbitCurvature.derivatives(arch, w, x, one);
            Derivatives fd = Derivatives.of(formBCurve(arch, w, x, one), h);
            double e1 = TestData.relErr(exact.velocity(), fd.first), e2 = TestData.relErr(exact.acceleration(), fd.second);
            System.out.printf("CURVE two hidden layers, M on layer %d only: gamma' rel err %.2e, gamma'' rel err %.2e%n", layer, e1, e2);
            assertTrue(e1 < 1e-7 && e2 < 1e-5);
        }
        // both layers: the velocity has no cross terms; the acceleration omits the cross-layer terms, as in the paper
        OrbitCurvature.CurveDerivatives both = OrbitCurvature.derivatives(arch, w, x, gen);
        Derivatives fd = Derivatives.of(formBCurve(arch, w, x, gen), h);
        double e1 = TestData.relErr(both.velocity(), fd.first), cross = TestData.relErr(both.acceleration(), fd.second);
        INDArray sum = OrbitCurvature.derivatives(arch, w, x, only(gen, 0)).acceleration().add(OrbitCurvature.derivatives(arch, w, x, only(gen, 1)).acceleration());
        System.out.printf("CURVE both layers: gamma' rel err %.2e; gamma'' differs from the sequential curve's by %.2e (the ignored cross-layer terms)%n", e1, cross);
        assertTrue(e1 < 1e-7);
        assertTrue(TestData.relErr(both.acceleration(), sum) < 1e-14, "gamma'' is the sum of the per-layer parts");
    }

    @Test
    void psiIsTheMeanKappaOverSeededCurvesAndGeneratorsFollowThePaper() {
        Random rnd = new Random(6);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(6, 8, 5, 3));
        INDArray w = TestData.params(rnd, arch, 0.5);
        List<INDArray> batches = List.of(TestData.gaussian(rnd, 10, 6, 1), TestData.gaussian(rnd, 10, 6, 1), TestData.gaussian(rnd, 10, 6, 1));
        CurvatureSettings s = new CurvatureSettings(3, 10, 42);
        double psi = OrbitCurvature.psi(arch, w, batches, s);
        double mean = 0;
        for (int i = 0; i < 3; i++) mean += OrbitCurvature.kappa(arch, w, batches.get(i), OrbitCurvature.randomGenerators(arch, RandomDraws.derive(42, i))) / 3;
        assertEquals(mean, psi, 1e-15);
        assertEquals(psi, OrbitCurvature.psi(arch, w, batches, s), 0.0, "same seed, same psi");
        assertNotEquals(psi, OrbitCurvature.psi(arch, w, batches, new CurvatureSettings(3, 10, 43)));
        assertTrue(psi > 0 && Double.isFinite(psi));
        Tangent g = OrbitCurvature.randomGenerators(arch, 7);
        for (int m = 0; m < 2; m++) {
            assertEquals(1.0, g.block(m).norm2Number().doubleValue(), 1e-14, "Frobenius norm 1");
            assertTrue(g.block(m).minNumber().doubleValue() >= 0, "U[0,1) entries");
        }
        Tangent layer1 = OrbitCurvature.randomGenerators(arch, 7, 1);
        assertEquals(0.0, layer1.block(0).amaxNumber().doubleValue());
        assertEquals(0.0, TestData.relErr(layer1.block(1), g.block(1)), "layer m's generator depends on (seed, m) only");
        assertEquals(200, CurvatureSettings.paper(1).curves());
    }

    @Test
    void matrixExponentialOfKnownMatrices() {
        // rotation generator: exp(t [[0, -1], [1, 0]]) = [[cos t, -sin t], [sin t, cos t]]
        double t = 2.3;
        INDArray rot = MatrixExponential.of(Nd4j.createFromArray(new double[][]{{0, -t}, {t, 0}}));
        INDArray expected = Nd4j.createFromArray(new double[][]{{Math.cos(t), -Math.sin(t)}, {Math.sin(t), Math.cos(t)}});
        assertTrue(rot.sub(expected).amaxNumber().doubleValue() < 1e-14);
        // symmetric Q diag(l) Q^T -> Q diag(e^l) Q^T, norms large enough to need squaring
        Random rnd = new Random(2);
        INDArray q = JacobiEigen.randomOrthogonal(rnd, 6);
        double[] l = {-3, -1, 0, 0.5, 2, 4};
        double[] el = java.util.Arrays.stream(l).map(Math::exp).toArray();
        INDArray a = MatrixOperator.withSpectrum(q, l).matrix();
        INDArray ea = MatrixOperator.withSpectrum(q, el).matrix();
        double err = MatrixExponential.of(a).sub(ea).amaxNumber().doubleValue() / ea.amaxNumber().doubleValue();
        INDArray g = TestData.gaussian(rnd, 5, 5, 0.7);
        double inverse = MatrixExponential.of(g).mmul(MatrixExponential.of(g.neg())).sub(Nd4j.eye(5).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        System.out.printf("EXPM symmetric relative error %.2e, exp(A) exp(-A) - I %.2e%n", err, inverse);
        assertTrue(err < 1e-13 && inverse < 1e-13);
    }
}
