package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;
import org.teleport4j.ops.teleport.ObjectiveEvaluation;
import org.teleport4j.ops.teleport.TeleportObjective;

/**
 * The paper's sharpness phi as a teleport objective (experiment 3; lowered or raised along the orbit):
 * F(w) = mean over radii t and directions u of L(w + t u), with the directions of batch 0 of the settings,
 * fixed across evaluations (a deterministic function of w). Since u = d / ||d|| does not depend on w,
 * grad F = mean of grad L(w + t u): one sample pass per perturbation gives value and gradient together.
 * The reported loss is L(w), the teleport's invariant (one more pass).
 */
public final class Sharpness implements TeleportObjective {
    private final SharpnessSettings settings;

    public Sharpness(SharpnessSettings settings) {
        this.settings = settings;
    }

    /** Radii 0.1 .. 0.9, 100 directions each: the paper's teleport objective. */
    public static Sharpness paper(long seed) {
        return new Sharpness(SharpnessSettings.paperTeleportObjective(seed));
    }

    public SharpnessSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "sharpness-phi";
    }

    @Override
    public ObjectiveEvaluation evaluate(NetArchitecture arch, INDArray params, TeleportSample sample) {
        return evaluation(arch, params, sample, false);
    }

    @Override
    public ObjectiveEvaluation evaluateWithGradient(NetArchitecture arch, INDArray params, TeleportSample sample) {
        return evaluation(arch, params, sample, true);
    }

    private ObjectiveEvaluation evaluation(NetArchitecture arch, INDArray params, TeleportSample sample, boolean withGradient) {
        SharpnessMeasure.PerturbedLoss p = SharpnessMeasure.perturbed(arch, params, sample, settings, 0, withGradient);
        double loss = sample.meanLoss(arch, params);
        return new ObjectiveEvaluation(p.meanLoss(), loss, p.meanGradient());
    }

    @Override
    public String toString() {
        return name() + "(" + settings + ")";
    }
}
