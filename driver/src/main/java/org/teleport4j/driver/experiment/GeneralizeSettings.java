package org.teleport4j.driver.experiment;

import com.typesafe.config.Config;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.TeleportConfig;
import org.teleport4j.driver.config.TrainConfig;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.teleport4j.driver.config.Settings.intIn;

/**
 * The `generalize` section (PAPER.md experiment 3, Figure 4): SGD runs checkpointed at {@code checkpointEpoch}
 * epochs, continued to training.epochs with teleports at the start of epoch {@code teleportEpoch}.
 *
 * @param runs            paired runs; run r uses seed run.seed + r
 * @param checkpointEpoch epochs of the shared SGD run before the arms branch off
 * @param teleportEpoch   0-based epoch whose first minibatch steps are preceded by the teleport calls
 * @param randomControl   also run each arm as a random teleport of the same size (teleport.mode = random)
 * @param arms            the teleporting arms, each with its validated teleport configuration
 */
public record GeneralizeSettings(int runs, int checkpointEpoch, int teleportEpoch, boolean randomControl, List<Arm> arms)
        implements Serializable {
    public static final String PLAIN = "plain";
    static final List<String> KNOWN_ARMS = List.of("phi-down", "phi-up", "psi-up", "psi-down");

    /**
     * One teleporting arm: its name (e.g. phi-down), the measure it moves, whether the paper's claim (lower phi and
     * higher psi generalise better) predicts a lower test loss than the plain run, and its teleport.
     */
    public record Arm(String name, String measure, boolean paperPredictsLowerTestLoss, TeleportConfig teleport) implements Serializable {
    }

    public static GeneralizeSettings from(TrainConfig cfg) {
        Config c = cfg.raw();
        int epochs = cfg.training().epochs();
        int checkpoint = intIn(c, "generalize.checkpoint-epoch", 1, Math.max(1, epochs - 1));
        int teleport = intIn(c, "generalize.teleport-epoch", checkpoint, Math.max(checkpoint, epochs - 1));
        List<Arm> arms = new ArrayList<>();
        for (String name : c.getStringList("generalize.arms")) {
            if (!KNOWN_ARMS.contains(name))
                throw new BadConfigException("generalize.arms: unknown arm '" + name + "'; allowed: " + KNOWN_ARMS);
            String p = "generalize.teleports." + name + ".";
            int calls = intIn(c, p + "calls", 1, 100_000);
            TeleportConfig t = cfg.teleportWith(Map.of("teleport.mode", "teleport",
                    "teleport.objective", c.getString(p + "objective"), "teleport.direction", c.getString(p + "direction"),
                    "teleport.group", c.getString(p + "group"), "teleport.steps", c.getInt(p + "steps"),
                    "teleport.step-size", c.getDouble(p + "step-size"), "teleport.schedule.kind", "paper",
                    "teleport.schedule.epoch", teleport, "teleport.schedule.rounds", calls));
            if (t.objective() != TeleportConfig.Objective.SHARPNESS && t.objective() != TeleportConfig.Objective.CURVATURE)
                throw new BadConfigException(p + "objective must be sharpness or curvature, got " + c.getString(p + "objective"));
            boolean phi = t.objective() == TeleportConfig.Objective.SHARPNESS;
            arms.add(new Arm(name, phi ? "phi" : "psi", phi != t.ascent(), t));
        }
        if (arms.isEmpty()) throw new BadConfigException("generalize.arms must list at least one of " + KNOWN_ARMS);
        return new GeneralizeSettings(intIn(c, "generalize.runs", 1, 10_000), checkpoint, teleport,
                c.getBoolean("generalize.random-control"), arms);
    }

    /** The random-direction control of an arm: the same teleport, each step's direction replaced by a random one. */
    static TeleportConfig randomControl(TeleportConfig t) {
        return new TeleportConfig(TeleportConfig.Mode.RANDOM, t.group(), t.objective(), t.ascent(), t.steps(), t.stepSize(),
                t.sampleSize(), t.lossTolerance(), t.objectiveCap(), t.trustRadius(), t.lookaheadLearningRate(), t.sharpness(),
                t.state(), t.schedule(), t.learnedFile(), t.learnedHiddenLayer());
    }

    static String randomName(String arm) {
        return arm + "/random";
    }
}
