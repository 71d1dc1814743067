package org.teleport4j.driver.config;

import com.typesafe.config.Config;
import org.teleport4j.driver.teleport.TeleportSchedule;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.optim.StatePolicy;

import java.util.Locale;

import static org.teleport4j.driver.config.Settings.*;

/** The validated `teleport` section: what to teleport with, how, and when. */
public record TeleportConfig(Mode mode, Group group, Objective objective, boolean ascent, int steps, double stepSize,
                             int sampleSize, double lossTolerance, double objectiveCap, double trustRadius,
                             double lookaheadLearningRate, SharpnessObjective sharpness, StatePolicy state,
                             TeleportSchedule schedule, String learnedFile, int learnedHiddenLayer) implements java.io.Serializable {

    /**
     * off: plain training; teleport: move the weights; reset-only: the optimizer-state policy alone (control);
     * random: the control for a directed teleport, a random teleport of the same size (same group, as many steps,
     * each of the directed step's norm, in a random direction).
     */
    public enum Mode { OFF, TELEPORT, RESET_ONLY, RANDOM }

    public enum Group {
        SCALING, LINEAR, FORM_A, FORM_B;

        /** Data-independent and loss-preserving on every input (for the activations validated below). */
        public boolean exact() {
            return this == SCALING || this == LINEAR;
        }
    }

    public enum Objective {
        GRAD_NORM, LOOKAHEAD, SHARPNESS, CURVATURE, TOP_EIGENVALUE,
        /** No objective is optimised: a trained meta-optimiser (the `meta` job) chooses T (teleport.learned.*). */
        LEARNED;

        /** The direction "auto" means: ascent for the gradient norm and the curvature, descent for the rest. */
        boolean ascentByDefault() {
            return this == GRAD_NORM || this == CURVATURE;
        }

        /** Objectives that draw random directions or generators: a fresh draw per teleport call. */
        public boolean seeded() {
            return this == SHARPNESS || this == CURVATURE || this == TOP_EIGENVALUE;
        }
    }

    /** The sharpness objective's perturbations (the paper: radii 0.1 .. 0.9, 100 directions each). */
    public record SharpnessObjective(double radiusFirst, double radiusStep, int radii, int directions) implements java.io.Serializable {
    }

    public boolean active() {
        return mode != Mode.OFF;
    }

    static TeleportConfig from(Config c, HiddenActivation activation) {
        Mode mode = Mode.valueOf(upper(oneOf(c, "teleport.mode", "off", "teleport", "reset-only", "random")));
        Group group = Group.valueOf(upper(oneOf(c, "teleport.group", "scaling", "linear", "form-a", "form-b")));
        Objective objective = Objective.valueOf(upper(oneOf(c, "teleport.objective", "grad-norm", "lookahead", "sharpness",
                "curvature", "top-eigenvalue", "learned")));
        String dir = oneOf(c, "teleport.direction", "auto", "ascent", "descent");
        boolean ascent = dir.equals("auto") ? objective.ascentByDefault() : dir.equals("ascent");
        double tol = doubleIn(c, "teleport.loss-tolerance", 0, false, 1);
        if (tol == 0) tol = group.exact() ? 1e-9 : 1e-2;
        StatePolicy state = parsed(c, "teleport.state", StatePolicy::parse);
        double trust = doubleIn(c, "teleport.trust-radius", 0, false, 1e6);

        if (mode != Mode.OFF) {
            if (group == Group.SCALING && !activation.positivelyHomogeneous())
                throw new BadConfigException("teleport.group = scaling needs a positively homogeneous activation "
                        + "(leaky_relu, relu or identity); model.activation is " + activation.name().toLowerCase(Locale.ROOT));
            if (group == Group.LINEAR && activation != HiddenActivation.IDENTITY)
                throw new BadConfigException("teleport.group = linear is a symmetry only for model.activation = identity, not "
                        + activation.name().toLowerCase(Locale.ROOT) + "; use scaling, form-a or form-b");
            if (state == StatePolicy.TRANSPORT && group != Group.SCALING)
                throw new BadConfigException("teleport.state = transport is defined for the diagonal scaling group only; "
                        + "teleport.group is " + group.name().toLowerCase(Locale.ROOT) + " (use reset or keep)");
            if (objective == Objective.LEARNED && group != Group.FORM_B)
                throw new BadConfigException("teleport.objective = learned applies the meta-optimiser's T with Form B (as it was trained): "
                        + "set teleport.group = form-b, not " + group.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (objective == Objective.LEARNED && c.getString("teleport.learned.file").isBlank())
                throw new BadConfigException("teleport.objective = learned needs teleport.learned.file: a meta-optimiser saved by the meta job "
                        + "(optimizers/lr-tele.meta or optimizers/update-tele.meta in its run directory)");
            if (objective == Objective.LOOKAHEAD && trust == 0)
                throw new BadConfigException("teleport.objective = lookahead needs a trust region: set teleport.trust-radius > 0 "
                        + "(its minimiser can lie far out on the orbit)");
            if (objective == Objective.CURVATURE && group != Group.FORM_B)
                throw new BadConfigException("teleport.objective = curvature moves along the Form B orbit curves exp(tM) (PAPER.md, "
                        + "experiment 3): set teleport.group = form-b (it is " + group.name().toLowerCase(Locale.ROOT).replace('_', '-') + ")");
            if (group == Group.FORM_B && !activation.invertible())
                throw new BadConfigException("teleport.group = form-b needs an invertible activation (leaky_relu, tanh or identity); "
                        + "model.activation is " + activation.name().toLowerCase(Locale.ROOT));
            if (mode == Mode.RANDOM && (objective == Objective.LOOKAHEAD || objective == Objective.LEARNED))
                throw new BadConfigException("teleport.mode = random matches the step norms of a directed teleport; "
                        + "use it with grad-norm, sharpness, curvature or top-eigenvalue (not " + objective.name().toLowerCase(Locale.ROOT).replace('_', '-') + ")");
        }
        return new TeleportConfig(mode, group, objective, ascent,
                intIn(c, "teleport.steps", 1, 10_000), doubleIn(c, "teleport.step-size", 0, true, 1e6),
                intIn(c, "teleport.sample-size", 1, 10_000_000), tol, doubleIn(c, "teleport.objective-cap", 0, false, Double.MAX_VALUE),
                trust, doubleIn(c, "teleport.lookahead-lr", 0, false, 1e3), sharpness(c), state, schedule(c),
                c.getString("teleport.learned.file").trim(), intIn(c, "teleport.learned.hidden-layer", 0, 1 << 16));
    }

    /** True when a trained meta-optimiser chooses the teleports. */
    public boolean learned() {
        return mode == Mode.TELEPORT && objective == Objective.LEARNED;
    }

    private static SharpnessObjective sharpness(Config c) {
        return new SharpnessObjective(doubleIn(c, "teleport.sharpness.radius-first", 0, true, 10),
                doubleIn(c, "teleport.sharpness.radius-step", 0, false, 10), intIn(c, "teleport.sharpness.radii", 1, 1000),
                intIn(c, "teleport.sharpness.directions", 1, 100_000));
    }

    private static TeleportSchedule schedule(Config c) {
        String kind = oneOf(c, "teleport.schedule.kind", TeleportSchedule.KINDS.toArray(String[]::new));
        return switch (kind) {
            case "paper" -> new TeleportSchedule.FirstRoundsOfEpoch(intIn(c, "teleport.schedule.epoch", 0, 1_000_000),
                    intIn(c, "teleport.schedule.rounds", 1, Integer.MAX_VALUE));
            case "every-rounds" -> new TeleportSchedule.EveryRounds(intIn(c, "teleport.schedule.every", 1, Integer.MAX_VALUE));
            default -> {
                int[] epochs = c.getIntList("teleport.schedule.epochs").stream().mapToInt(Integer::intValue).toArray();
                if (epochs.length == 0) throw new BadConfigException("teleport.schedule.epochs must list at least one epoch for kind = epochs");
                for (int e : epochs) if (e < 0) throw new BadConfigException("teleport.schedule.epochs = " + java.util.Arrays.toString(epochs) + ": epochs are >= 0");
                yield new TeleportSchedule.AtEpochs(epochs);
            }
        };
    }

    private static String upper(String v) {
        return v.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
