package org.teleport4j.ops.teleport;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.Matrices;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;
import org.teleport4j.ops.symmetry.GroupAction;
import org.teleport4j.ops.symmetry.Tangent;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient ascent (or descent) of an objective along a group orbit, on one teleport batch, with the
 * safety net of ARCHITECTURE.md. Each step: evaluate the objective and its weight gradient C at w, pull
 * C back to the group (the direction at the identity), take T = +/- eta * direction (clipped to the trust
 * radius), and check the candidate w' = apply(w, T): finite, batch loss within tolerance of its value
 * before the teleport, objective not beyond the cap. A failed candidate is retried with a smaller eta;
 * when all retries fail the step is rejected and the teleport stops at the last accepted point.
 * As in the paper, T restarts from 0 at every step and the overall element is the product of the steps.
 */
public final class Teleporter {
    private final GroupAction group;
    private final TeleportObjective objective;
    private final TeleportSettings settings;

    public Teleporter(GroupAction group, TeleportObjective objective, TeleportSettings settings) {
        this.group = group;
        this.objective = objective;
        this.settings = settings;
    }

    public GroupAction group() {
        return group;
    }

    public TeleportObjective objective() {
        return objective;
    }

    public TeleportResult teleport(INDArray params, Batch batch) {
        return teleport(params, new LocalSample(batch));
    }

    /** Teleports on any sample; a data-dependent group needs one whose features are in memory. */
    public TeleportResult teleport(INDArray params, TeleportSample sample) {
        long t0 = System.nanoTime();
        NetArchitecture arch = group.architecture();
        INDArray features = group.isExact() ? null : sample.features();
        if (!group.isExact() && features == null)
            throw new IllegalArgumentException(group.name() + " is data-dependent: it needs a teleport sample held in memory");
        INDArray w = params;
        Tangent element = group.identity();
        ObjectiveEvaluation here = objective.evaluateWithGradient(arch, w, sample);
        double lossStart = here.loss();
        double objectiveStart = here.value();
        List<TeleportStepRecord> records = new ArrayList<>();

        for (int step = 0; step < settings.steps(); step++) {
            if (settings.hasCap() && settings.direction().beyond(here.value(), settings.objectiveCap())) {
                records.add(new TeleportStepRecord(step, here.value(), here.value(), here.loss(), here.loss(), 0, 0, 0, StepOutcome.CAP_REACHED));
                break;
            }
            Tangent direction = objective.groupGradient(group, arch, w, sample, here).times(settings.direction().sign());
            double eta = settings.stepSize();
            double norm = direction.norm() * eta;
            if (norm > settings.trustRadius()) eta *= settings.trustRadius() / norm;

            StepOutcome outcome;
            ObjectiveEvaluation candidate;
            INDArray moved;
            int backtracks = 0;
            while (true) {
                moved = group.apply(w, direction.times(eta), features);
                candidate = evaluateOrNaN(arch, moved, sample);
                outcome = check(candidate, lossStart);
                if (outcome.accepted() || backtracks == settings.maxBacktracks()) break;
                backtracks++;
                eta *= settings.backtrackFactor();
            }
            double elementNorm = direction.norm() * eta;
            records.add(new TeleportStepRecord(step, here.value(), candidate.value(), here.loss(), candidate.loss(),
                    eta, elementNorm, backtracks, outcome));
            if (!outcome.accepted()) break;
            w = moved;
            element = element.plus(direction.times(eta));
            here = objective.evaluateWithGradient(arch, w, sample);
        }
        return new TeleportResult(w, records, group.name(), objective.name(), objectiveStart, lossStart, System.nanoTime() - t0, element);
    }

    private ObjectiveEvaluation evaluateOrNaN(NetArchitecture arch, INDArray moved, TeleportSample sample) {
        if (!Matrices.allFinite(moved)) return new ObjectiveEvaluation(Double.NaN, Double.NaN, null);
        return objective.evaluate(arch, moved, sample);
    }

    private StepOutcome check(ObjectiveEvaluation candidate, double lossStart) {
        if (!candidate.finite()) return StepOutcome.REJECTED_NON_FINITE;
        double drift = Math.abs(candidate.loss() - lossStart) / Math.max(Math.abs(lossStart), Double.MIN_NORMAL);
        if (drift > settings.lossTolerance()) return StepOutcome.REJECTED_LOSS_DRIFT;
        if (settings.hasCap() && settings.direction().beyond(candidate.value(), settings.objectiveCap())) return StepOutcome.REJECTED_CAP;
        return StepOutcome.ACCEPTED;
    }
}
