package org.teleport4j.ops.teleport;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.symmetry.PositiveScaling;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.teleport4j.ops.testutil.TestData.*;

/** The one-step lookahead objective: value, gradient (one HVP) and a descent teleport that lowers it at unchanged loss. */
class LookaheadLossTest {

    @Test
    void valueIsTheLossAfterOneGradientStep() {
        Random rnd = new Random(1);
        NetArchitecture arch = NetArchitecture.classifier(new MlpSpec(new int[]{5, 7, 6, 4}, HiddenActivation.TANH, 0, true));
        INDArray w = params(rnd, arch, 0.5);
        Batch b = batch(rnd, arch, 12);
        LookaheadLoss f = new LookaheadLoss(0.3);
        ObjectiveEvaluation e = f.evaluate(arch, w, new LocalSample(b));
        DenseNetView view = new DenseNetView(arch, w);
        assertEquals(view.loss(b), e.loss(), 1e-14, "reported loss is L(w), the teleport's invariant");
        assertEquals(new DenseNetView(arch, w.sub(view.gradient(b).mul(0.3))).loss(b), e.value(), 1e-14);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        for (MlpSpec spec : new MlpSpec[]{new MlpSpec(new int[]{5, 7, 6, 4}, HiddenActivation.TANH, 0, true),
                new MlpSpec(new int[]{5, 6, 4, 3}, HiddenActivation.LEAKY_RELU, 0.1, false)}) {
            Random rnd = new Random(2);
            NetArchitecture arch = NetArchitecture.classifier(spec);
            INDArray w = params(rnd, arch, 0.5);
            LocalSample sample = new LocalSample(batch(rnd, arch, 10));
            LookaheadLoss f = new LookaheadLoss(0.2);
            INDArray exact = f.evaluateWithGradient(arch, w, sample).gradient();
            double h = spec.activation() == HiddenActivation.TANH ? 1e-5 : 1e-6;
            INDArray numeric = centralGradient(x -> f.evaluate(arch, x, sample).value(), w, h);
            double err = exact.sub(numeric).norm2Number().doubleValue() / numeric.norm2Number().doubleValue();
            System.out.printf("lookahead gradient vs central differences (%s): relative error %.2e%n", spec.activation(), err);
            assertTrue(err < 1e-6, spec.activation() + ": relative error " + err);
        }
    }

    @Test
    void descentTeleportLowersTheLookaheadLossAtUnchangedLoss() {
        Random rnd = new Random(3);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(8, 10, 6, 4));
        INDArray w = params(rnd, arch, 0.6);
        Batch b = batch(rnd, arch, 40);
        TeleportSettings s = TeleportSettings.forExactGroup(10, 0.5).withDirection(TeleportDirection.DESCENT).withTrustRadius(0.5);
        TeleportResult r = new Teleporter(new PositiveScaling(arch), new LookaheadLoss(0.5), s).teleport(w, b);
        System.out.printf("lookahead teleport: L(w - eta g) %.6f -> %.6f, loss drift %.2e, %d steps accepted%n",
                r.objectiveStart(), r.objectiveEnd(), r.relativeLossDrift(), r.acceptedSteps());
        assertTrue(r.objectiveEnd() < r.objectiveStart(), "lookahead loss decreased");
        assertTrue(r.relativeLossDrift() < 1e-9, "exact group keeps the loss");
        for (TeleportStepRecord step : r.steps()) assertTrue(step.elementNorm() <= 0.5 + 1e-12, "trust radius respected");
    }
}
