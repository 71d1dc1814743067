package org.teleport4j.ops.teleport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.GradientAndHvp;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.symmetry.FormA;
import org.teleport4j.ops.symmetry.PositiveScaling;
import org.teleport4j.ops.testutil.TrainedMlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.teleport4j.ops.testutil.TestData.angleDegrees;
import static org.teleport4j.ops.testutil.TestData.relErr;

class TeleporterTest {
    private static TrainedMlp trained;
    private static NetArchitecture arch;
    private static Batch batch;

    @BeforeAll
    static void train() {
        trained = TrainedMlp.train(7, 300);
        arch = NetArchitecture.classifier(trained.spec());
        batch = trained.firstSamples(64);
    }

    private static void print(TeleportResult r) {
        System.out.printf("teleport %s / %s: objective %.6e -> %.6e, loss %.12e -> %.12e (rel drift %.2e), %d/%d accepted%n",
                r.group(), r.objective(), r.objectiveStart(), r.objectiveEnd(), r.lossStart(), r.lossEnd(), r.relativeLossDrift(),
                r.acceptedSteps(), r.steps().size());
        for (TeleportStepRecord s : r.steps())
            System.out.printf("  step %d: F %.6e -> %.6e, loss %.15e, eta %.3g, |T| %.3g, backtracks %d, %s%n", s.step(), s.objectiveBefore(),
                    s.objectiveAfter(), s.lossAfter(), s.stepSize(), s.elementNorm(), s.backtracks(), s.outcome());
    }

    @Test
    void scalingTeleportRaisesGradientNormAtUnchangedLossOnTrainedMlp() {
        Teleporter t = new Teleporter(new PositiveScaling(arch), new GradientNormSquared(), TeleportSettings.forExactGroup(10, 10.0).withTrustRadius(0.2));
        TeleportResult r = t.teleport(trained.params(), batch);
        print(r);
        assertEquals(10, r.acceptedSteps());
        assertTrue(r.objectiveEnd() > 2 * r.objectiveStart(), "||grad L||^2 should grow clearly");
        assertTrue(r.relativeLossDrift() < 1e-12, "exact group: loss unchanged, drift " + r.relativeLossDrift());
        // recomputed independently of the teleporter's bookkeeping
        DenseNetView before = new DenseNetView(arch, trained.params()), after = new DenseNetView(arch, r.params());
        assertTrue(relErr(after.loss(trained.data()), before.loss(trained.data())) < 1e-12, "loss on the whole training set too");
        assertTrue(relErr(after.output(trained.data().features()), before.output(trained.data().features())) < 1e-11);

        GradientAndHvp b = before.gradientAndHessianGradient(batch), a = after.gradientAndHessianGradient(batch);
        System.out.printf("NEWTON-OBSERVATION trained LeakyReLU MLP %s, scaling ascent: angle(H g, g) %.2f deg -> %.2f deg, ||g||^2 %.4e -> %.4e%n",
                trained.spec(), angleDegrees(b.hessianGradient(), b.gradient()), angleDegrees(a.hessianGradient(), a.gradient()),
                r.objectiveStart(), r.objectiveEnd());
    }

    @Test
    void formADriftBeyondTightToleranceIsBacktrackedThenRejected() {
        // n = 64 > widths 16, 10: Form A cannot keep the batch loss; with an exact-group tolerance nothing passes
        TeleportSettings s = TeleportSettings.forDataDependentGroup(5, 1.0).withLossTolerance(1e-12).withBacktracking(0.5, 4);
        TeleportResult r = new Teleporter(new FormA(arch), new GradientNormSquared(), s).teleport(trained.params(), batch);
        print(r);
        assertEquals(1, r.steps().size());
        TeleportStepRecord only = r.steps().get(0);
        assertEquals(StepOutcome.REJECTED_LOSS_DRIFT, only.outcome());
        assertEquals(4, only.backtracks());
        assertEquals(1.0 / 16, only.stepSize(), 1e-15);
        assertEquals(0.0, relErr(r.params(), trained.params()), "rejected: weights unchanged");

        // with the data-dependent default (1e-2) the same steps go through and report their drift
        TeleportResult loose = new Teleporter(new FormA(arch), new GradientNormSquared(), TeleportSettings.forDataDependentGroup(5, 1.0))
                .teleport(trained.params(), batch);
        print(loose);
        assertTrue(loose.acceptedSteps() > 0 && loose.relativeLossDrift() <= 1e-2);
        System.out.printf("DRIFT form-A teleport on trained MLP (n=64 > k): rel loss drift %.2e, objective x%.2f%n",
                loose.relativeLossDrift(), loose.objectiveEnd() / loose.objectiveStart());
    }

    @Test
    void capStopsBeforeAStepAndIsNeverExceededByACandidate() {
        GradientNormSquared f = new GradientNormSquared();
        double start = f.evaluate(new DenseNetView(arch, trained.params()), batch).value();

        TeleportResult stopped = new Teleporter(new PositiveScaling(arch), f, TeleportSettings.forExactGroup(10, 0.5).withObjectiveCap(start / 2))
                .teleport(trained.params(), batch);
        assertEquals(1, stopped.steps().size());
        assertEquals(StepOutcome.CAP_REACHED, stopped.steps().get(0).outcome());
        assertEquals(0.0, relErr(stopped.params(), trained.params()));

        double cap = 1.5 * start;
        TeleportResult capped = new Teleporter(new PositiveScaling(arch), f, TeleportSettings.forExactGroup(50, 0.5).withObjectiveCap(cap))
                .teleport(trained.params(), batch);
        print(capped);
        for (TeleportStepRecord s : capped.steps()) if (s.accepted()) assertTrue(s.objectiveAfter() <= cap);
        assertTrue(capped.objectiveEnd() <= cap && capped.objectiveEnd() > start);
        assertTrue(capped.steps().get(capped.steps().size() - 1).outcome() != StepOutcome.ACCEPTED, "ends at the cap");
    }

    @Test
    void nonFiniteCandidatesAreRejected() {
        // exp(s) overflows for a huge step: every candidate has infinite weights until the step shrinks enough
        TeleportSettings s = TeleportSettings.forExactGroup(3, 1e300).withBacktracking(0.5, 3);
        TeleportResult r = new Teleporter(new PositiveScaling(arch), new GradientNormSquared(), s).teleport(trained.params(), batch);
        print(r);
        assertEquals(StepOutcome.REJECTED_NON_FINITE, r.steps().get(0).outcome());
        assertEquals(0.0, relErr(r.params(), trained.params()));
    }

    @Test
    void trustRadiusBoundsEveryStepAndDescentLowersTheObjective() {
        TeleportSettings s = TeleportSettings.forExactGroup(10, 10.0).withTrustRadius(0.05);
        TeleportResult up = new Teleporter(new PositiveScaling(arch), new GradientNormSquared(), s).teleport(trained.params(), batch);
        for (TeleportStepRecord rec : up.steps()) assertTrue(rec.elementNorm() <= 0.05 * (1 + 1e-12), rec.toString());
        assertTrue(up.objectiveEnd() > up.objectiveStart());

        TeleportResult down = new Teleporter(new PositiveScaling(arch), new GradientNormSquared(),
                TeleportSettings.forExactGroup(10, 0.5).withDirection(TeleportDirection.DESCENT)).teleport(trained.params(), batch);
        print(down);
        assertTrue(down.objectiveEnd() < down.objectiveStart());
        assertTrue(down.relativeLossDrift() < 1e-12);
    }
}
