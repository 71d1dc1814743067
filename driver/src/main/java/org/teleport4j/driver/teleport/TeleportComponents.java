package org.teleport4j.driver.teleport;

import org.teleport4j.driver.config.TeleportConfig;
import org.teleport4j.ops.curvature.OrbitCurvatureObjective;
import org.teleport4j.ops.curvature.Sharpness;
import org.teleport4j.ops.curvature.SharpnessSettings;
import org.teleport4j.ops.curvature.TopEigenvalue;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.symmetry.FormA;
import org.teleport4j.ops.symmetry.FormB;
import org.teleport4j.ops.symmetry.GroupAction;
import org.teleport4j.ops.symmetry.LinearGroup;
import org.teleport4j.ops.symmetry.PositiveScaling;
import org.teleport4j.ops.teleport.GradientNormSquared;
import org.teleport4j.ops.teleport.LookaheadLoss;
import org.teleport4j.ops.teleport.TeleportDirection;
import org.teleport4j.ops.teleport.TeleportObjective;
import org.teleport4j.ops.teleport.TeleportSettings;
import org.teleport4j.ops.teleport.Teleporter;

/** Builds worker-ops' group action, objective and settings from the validated teleport configuration. */
public final class TeleportComponents {
    private TeleportComponents() {
    }

    /** The configured group; the curvature objective moves along its own one-parameter curves of Form B instead. */
    public static GroupAction group(TeleportConfig t, NetArchitecture arch, TeleportObjective objective) {
        if (objective instanceof OrbitCurvatureObjective curvature) return curvature.group(arch);
        return switch (t.group()) {
            case SCALING -> new PositiveScaling(arch);
            case LINEAR -> new LinearGroup(arch);
            case FORM_A -> new FormA(arch);
            case FORM_B -> new FormB(arch);
        };
    }

    /**
     * @param optimizerLearningRate the lookahead's eta when teleport.lookahead-lr is 0
     * @param callSeed              seed of this teleport's random draws (sharpness directions, the curvature
     *                              generator, the Lanczos start vector)
     */
    public static TeleportObjective objective(TeleportConfig t, NetArchitecture arch, double optimizerLearningRate, long callSeed) {
        return switch (t.objective()) {
            case GRAD_NORM -> new GradientNormSquared();
            case LOOKAHEAD -> new LookaheadLoss(t.lookaheadLearningRate() > 0 ? t.lookaheadLearningRate() : optimizerLearningRate);
            case SHARPNESS -> new Sharpness(new SharpnessSettings(SharpnessSettings.arithmetic(t.sharpness().radiusFirst(),
                    t.sharpness().radiusStep(), t.sharpness().radii()), t.sharpness().directions(), 1, t.sampleSize(), callSeed));
            case CURVATURE -> OrbitCurvatureObjective.paper(arch, callSeed);
            case TOP_EIGENVALUE -> TopEigenvalue.withDefaults(callSeed);
            case LEARNED -> throw new IllegalStateException("a learned teleport optimises no objective: NetworkTeleport asks the policy for T");
        };
    }

    public static TeleportSettings settings(TeleportConfig t) {
        TeleportSettings s = TeleportSettings.forExactGroup(t.steps(), t.stepSize())
                .withDirection(t.ascent() ? TeleportDirection.ASCENT : TeleportDirection.DESCENT)
                .withLossTolerance(t.lossTolerance());
        // The paper's cap bounds the gradient-norm ascent; it means nothing for the other objectives.
        if (t.objectiveCap() > 0 && t.objective() == TeleportConfig.Objective.GRAD_NORM) s = s.withObjectiveCap(t.objectiveCap());
        if (t.trustRadius() > 0) s = s.withTrustRadius(t.trustRadius());
        return s;
    }

    public static Teleporter teleporter(TeleportConfig t, NetArchitecture arch, double optimizerLearningRate, long callSeed) {
        TeleportObjective objective = objective(t, arch, optimizerLearningRate, callSeed);
        return new Teleporter(group(t, arch, objective), objective, settings(t));
    }
}
