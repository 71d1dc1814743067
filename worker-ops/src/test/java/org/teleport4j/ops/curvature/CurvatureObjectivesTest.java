package org.teleport4j.ops.curvature;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.symmetry.PositiveScaling;
import org.teleport4j.ops.symmetry.Tangent;
import org.teleport4j.ops.teleport.GradientNormSquared;
import org.teleport4j.ops.teleport.ObjectiveEvaluation;
import org.teleport4j.ops.teleport.TeleportDirection;
import org.teleport4j.ops.teleport.TeleportResult;
import org.teleport4j.ops.teleport.TeleportSettings;
import org.teleport4j.ops.teleport.Teleporter;
import org.teleport4j.ops.testutil.TestData;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The sharpness, top-eigenvalue and orbit-curvature teleport objectives: gradients against central differences, and teleports. */
class CurvatureObjectivesTest {

    private static final MlpSpec TANH = new MlpSpec(new int[]{4, 5, 3}, HiddenActivation.TANH, 0, true);

    /** Central differences of F(apply(w, T)) in every scalar group parameter (the oracle for pull-backs). */
    private static Tangent groupCentralDifferences(org.teleport4j.ops.symmetry.GroupAction g, java.util.function.ToDoubleFunction<INDArray> f,
                                                   INDArray w, INDArray features, double h) {
        return GroupFiniteDifferences.gradient(g, f, w, features, h);
    }

    private static double relErr(Tangent a, Tangent b) {
        return a.plus(b.times(-1)).norm() / b.norm();
    }

    private static void print(String label, TeleportResult r) {
        System.out.printf("%s: objective %.8f -> %.8f, loss %.12f -> %.12f (drift %.1e), %d/%d steps accepted%n", label,
                r.objectiveStart(), r.objectiveEnd(), r.lossStart(), r.lossEnd(), r.relativeLossDrift(), r.acceptedSteps(), r.steps().size());
    }

    // ------------------------------------------------------------------ sharpness phi

    @Test
    void sharpnessValueIsThePaperMeasureAndItsGradientMatchesCentralDifferences() {
        for (MlpSpec spec : new MlpSpec[]{TANH, MlpSpec.paper(4, 5, 4, 3)}) {
            Random rnd = new Random(21);
            NetArchitecture arch = NetArchitecture.classifier(spec);
            INDArray w = TestData.params(rnd, arch, 0.6);
            LocalSample sample = new LocalSample(TestData.batch(rnd, arch, 12));
            SharpnessSettings s = new SharpnessSettings(new double[]{0.1, 0.3}, 3, 1, 12, 4);
            Sharpness phi = new Sharpness(s);
            ObjectiveEvaluation e = phi.evaluateWithGradient(arch, w, sample);
            assertEquals(SharpnessMeasure.phi(arch, w, sample, s, 0), e.value(), 1e-15);
            assertEquals(new DenseNetView(arch, w).loss(sample.batch()), e.loss(), 1e-15, "reported loss is L(w)");
            INDArray numeric = TestData.centralGradient(x -> phi.evaluate(arch, x, sample).value(), w, 1e-6);
            double err = TestData.relErr(e.gradient(), numeric);
            System.out.printf("SHARPNESS gradient vs central differences (%s, N=%d): relative error %.2e%n", spec, arch.parameterCount(), err);
            assertTrue(err < 1e-7, "relative error " + err);
        }
    }

    @Test
    void sharpnessDescentWithTheScalingGroupLowersPhiAtUnchangedLoss() {
        Random rnd = new Random(22);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(8, 10, 6, 4));
        INDArray w = TestData.params(rnd, arch, 0.6);
        Batch batch = TestData.batch(rnd, arch, 40);
        Sharpness phi = new Sharpness(new SharpnessSettings(new double[]{0.1, 0.2, 0.3}, 4, 1, 40, 9));
        TeleportSettings settings = TeleportSettings.forExactGroup(10, 1.0).withDirection(TeleportDirection.DESCENT).withTrustRadius(0.3);
        TeleportResult r = new Teleporter(new PositiveScaling(arch), phi, settings).teleport(w, batch);
        print("SHARPNESS descent teleport (scaling)", r);
        assertTrue(r.acceptedSteps() > 0);
        assertTrue(r.objectiveEnd() < r.objectiveStart() - 1e-3 * Math.abs(r.objectiveStart()), "phi clearly lower");
        assertTrue(r.relativeLossDrift() < 1e-12, "exact group: loss unchanged");
        // recomputed from scratch, independent of the teleport's bookkeeping
        LocalSample sample = new LocalSample(batch);
        assertEquals(r.objectiveEnd(), SharpnessMeasure.phi(arch, r.params(), sample, phi.settings(), 0), 1e-14);
        assertEquals(new DenseNetView(arch, w).loss(batch), new DenseNetView(arch, r.params()).loss(batch), 1e-12);
    }

    // ------------------------------------------------------------------ top Hessian eigenvalue

    @Test
    void topEigenvalueIsTheDenseLambdaMaxAndItsGradientMatchesCentralDifferences() {
        Random rnd = new Random(23);
        NetArchitecture arch = NetArchitecture.classifier(TANH);
        INDArray w = TestData.params(rnd, arch, 0.8);
        LocalSample sample = new LocalSample(TestData.batch(rnd, arch, 16));
        TopEigenvalue lambda = new TopEigenvalue(1e-10, 200, 3, 1e-5);
        ObjectiveEvaluation e = lambda.evaluateWithGradient(arch, w, sample);
        double[] dense = JacobiEigen.eigenvalues(SymmetricOperator.denseMatrix(new HessianOperator(arch, w, sample)));
        double lambdaMax = dense[dense.length - 1];
        assertEquals(lambdaMax, e.value(), 1e-11 * lambdaMax);
        assertTrue(dense[dense.length - 2] < lambdaMax * (1 - 1e-3), "lambda_max is simple here (differentiable)");
        INDArray numeric = TestData.centralGradient(x -> lambda.evaluate(arch, x, sample).value(), w, 1e-5);
        double err = TestData.relErr(e.gradient(), numeric);
        System.out.printf("TOP-EIGENVALUE lambda_max %.10f (Jacobi %.10f); gradient (HVP difference along v) vs central differences of lambda over N=%d: relative error %.2e%n",
                e.value(), lambdaMax, arch.parameterCount(), err);
        assertTrue(err < 1e-6, "relative error " + err);
    }

    @Test
    void topEigenvalueScalingPullBackMatchesDifferencesAlongTheOrbitAndDescentLowersIt() {
        Random rnd = new Random(24);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(6, 7, 5, 3));
        INDArray w = TestData.params(rnd, arch, 0.7);
        Batch batch = TestData.batch(rnd, arch, 30);
        LocalSample sample = new LocalSample(batch);
        TopEigenvalue lambda = new TopEigenvalue(1e-10, 300, 3, 1e-6);
        PositiveScaling scaling = new PositiveScaling(arch);
        ObjectiveEvaluation e = lambda.evaluateWithGradient(arch, w, sample);
        Tangent pulled = lambda.groupGradient(scaling, arch, w, sample, e);
        // the exact scaling keeps every activation pattern, so lambda is smooth along the orbit
        Tangent numeric = groupCentralDifferences(scaling, x -> lambda.evaluate(arch, x, sample).value(), w, null, 1e-5);
        double err = relErr(pulled, numeric);
        System.out.printf("TOP-EIGENVALUE scaling pull-back vs central differences of lambda(exp(s) . w) (LeakyReLU, %d group parameters): relative error %.2e%n",
                numeric.blocks().stream().mapToLong(INDArray::length).sum(), err);
        assertTrue(err < 1e-6, "relative error " + err);

        // a far too large difference step straddles LeakyReLU kinks (activation patterns differ at w +- h v): the raw
        // difference is then badly off; with the features in memory the objective shrinks the step until no kink is
        // inside, leaving only the smooth O(h^2) truncation error
        INDArray v = lambda.eigenpair(arch, w, sample).firstVector();
        double big = 1e-1;
        INDArray raw = sample.sums(arch, w.add(v.mul(big)), v).meanHvp().sub(sample.sums(arch, w.sub(v.mul(big)), v).meanHvp()).divi(2 * big);
        double rawErr = TestData.relErr(raw, e.gradient());
        double guarded = TestData.relErr(new TopEigenvalue(1e-10, 300, 3, big).eigenvalueGradient(arch, w, sample, v), e.gradient());
        System.out.printf("TOP-EIGENVALUE gradient with step 1e-1: raw difference across kinks off by %.2e, shrunk past the kinks off by %.2e (vs step 1e-6)%n",
                rawErr, guarded);
        assertTrue(guarded < 1e-3 && rawErr > 10 * guarded);

        TeleportSettings settings = TeleportSettings.forExactGroup(6, 1.0).withDirection(TeleportDirection.DESCENT).withTrustRadius(0.3);
        TeleportResult r = new Teleporter(scaling, lambda, settings).teleport(w, batch);
        print("TOP-EIGENVALUE descent teleport (scaling)", r);
        assertTrue(r.objectiveEnd() < 0.95 * r.objectiveStart(), "lambda_max lower by more than 5%");
        assertTrue(r.relativeLossDrift() < 1e-12);
        double[] after = JacobiEigen.eigenvalues(SymmetricOperator.denseMatrix(new HessianOperator(arch, r.params(), sample)));
        assertEquals(after[after.length - 1], r.objectiveEnd(), 1e-9 * r.objectiveEnd(), "the dense Hessian agrees at the teleported point");
    }

    // ------------------------------------------------------------------ orbit curvature kappa

    @Test
    void orbitCurveGroupPullBackMatchesCentralDifferences() {
        // a weight-gradient objective (||grad L||^2) through the one-parameter Form B group
        Random rnd = new Random(25);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(6, 8, 5, 3));
        INDArray w = TestData.params(rnd, arch, 0.6);
        LocalSample sample = new LocalSample(TestData.batch(rnd, arch, 20));
        OrbitCurveGroup group = new OrbitCurveGroup(arch, OrbitCurvature.randomGenerators(arch, 2));
        GradientNormSquared f = new GradientNormSquared();
        Tangent pulled = f.groupGradient(group, arch, w, sample, f.evaluateWithGradient(arch, w, sample));
        Tangent numeric = groupCentralDifferences(group, x -> f.evaluate(arch, x, sample).value(), w, sample.features(), 1e-6);
        double err = relErr(pulled, numeric);
        System.out.printf("ORBIT-CURVE group pull-back of ||grad L||^2 vs central differences in t: relative error %.2e (dF/dt = %s)%n",
                err, numeric.blocks());
        assertTrue(err < 1e-6);
    }

    @Test
    void curvatureGroupGradientIsTheSlopeOfKappaAlongTheCurveAndAscentRaisesKappa() {
        // exact regime for hidden layer 1 (batch n = 8 <= its input width 10): exp(aM) . exp(bM) . w = exp((a+b)M) . w,
        // so the curve through the moved point is the same curve, and kappa there can be checked against
        // finite differences of the curve's own points
        Random rnd = new Random(26);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(6, 10, 8, 3));
        INDArray w = TestData.params(rnd, arch, 0.6);
        Batch batch = TestData.batch(rnd, arch, 8);
        LocalSample sample = new LocalSample(batch);
        OrbitCurvatureObjective kappa = OrbitCurvatureObjective.paper(arch, 31);
        assertEquals(0.0, kappa.generators().block(0).amaxNumber().doubleValue(), "the paper's curve uses hidden layer 1 only");
        OrbitCurveGroup group = kappa.group(arch);
        INDArray x = batch.features();
        java.util.function.DoubleFunction<INDArray> curve = t -> group.apply(w, new Tangent(List.of(
                org.nd4j.linalg.factory.Nd4j.zeros(1, 1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE),
                org.nd4j.linalg.factory.Nd4j.scalar(t).reshape(1, 1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE))), x);
        // kinks of the LeakyReLU inverse (an activation of A exp(tM) crossing 0) must stay outside the differences
        double h = 1e-3;
        double delta = java.util.stream.DoubleStream.of(0.02, 0.01, 0.005, 0.002)
                .filter(d -> OrbitCurvatureTest.kinkFree(arch, w, batch.features(), kappa.generators(), -d - 2 * h, d + 2 * h))
                .findFirst().orElseThrow();
        double[] fromCurve = new double[2];
        for (int i = 0; i < 2; i++) {
            double t0 = i == 0 ? -delta : delta;
            OrbitCurvatureTest.Derivatives fd = OrbitCurvatureTest.Derivatives.of(s -> curve.apply(t0 + s), h);
            fromCurve[i] = CurveGeometry.curvature(fd.first(), fd.second());
            double formula = kappa.kappa(arch, curve.apply(t0), sample);
            System.out.printf("ORBIT-CURVATURE at t=%+.3f: kappa (closed form at the moved point) %.10f, from the curve's points %.10f%n", t0, formula, fromCurve[i]);
            assertEquals(fromCurve[i], formula, 1e-6 * formula);
        }
        double slope = (fromCurve[1] - fromCurve[0]) / (2 * delta);
        ObjectiveEvaluation here = kappa.evaluateWithGradient(arch, w, sample);
        assertNull(here.gradient(), "no weight gradient: the teleport uses the group gradient");
        double dkdt = kappa.groupGradient(group, arch, w, sample, here).block(1).getDouble(0);
        System.out.printf("ORBIT-CURVATURE d kappa / dt: group gradient %.8f, slope of the curve's own kappa %.8f (rel %.1e, O(delta^2) apart)%n",
                dkdt, slope, TestData.relErr(dkdt, slope));
        assertEquals(slope, dkdt, 1e-3 * Math.abs(slope));

        TeleportResult r = new Teleporter(group, kappa, TeleportSettings.forDataDependentGroup(5, 0.5).withTrustRadius(0.2)).teleport(w, batch);
        print("ORBIT-CURVATURE ascent teleport (exp(tM), layer 1)", r);
        assertTrue(r.acceptedSteps() > 0 && r.objectiveEnd() > r.objectiveStart());
        assertTrue(r.relativeLossDrift() < 1e-9, "Form B is exact on a batch no larger than the layer's input width");
        assertEquals(r.objectiveEnd(), OrbitCurvature.kappa(arch, r.params(), x, kappa.generators()), 1e-14);
    }
}
