package org.teleport4j.ops.teleport;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.curvature.RandomDraws;
import org.teleport4j.ops.math.Matrices;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;
import org.teleport4j.ops.symmetry.GroupAction;
import org.teleport4j.ops.symmetry.Tangent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The control a directed teleport is judged against: a random teleport of the same size. From the same start it
 * takes as many group steps as the directed teleport accepted, each along a random direction (Gaussian entries in
 * every block of the group's Lie algebra) scaled to that step's norm ||T||. A directed effect shows as a
 * difference between the two; a mere perturbation of the weights along the orbit affects both alike.
 *
 * <p>The random steps are not checked against the loss tolerance (rejecting the unlucky ones would make the
 * control smaller than the teleport); their loss drift is recorded per step. A non-finite point ends the
 * control at the last finite one.
 */
public final class RandomDirectionControl {
    private RandomDirectionControl() {
    }

    /**
     * @param group     the directed teleport's group
     * @param objective evaluated at the start and the end only, so the log shows what the random move did to it
     * @param directed  the directed teleport from {@code start}, whose accepted step norms are matched
     * @param seed      seed of the random directions
     */
    public static TeleportResult matching(GroupAction group, TeleportObjective objective, TeleportResult directed,
                                          INDArray start, TeleportSample sample, long seed) {
        long t0 = System.nanoTime();
        NetArchitecture arch = group.architecture();
        INDArray features = group.isExact() ? null : sample.features();
        SplittableRandom rnd = new SplittableRandom(seed);
        INDArray w = start;
        Tangent element = group.identity();
        double lossStart = directed.lossStart(), loss = lossStart;
        List<TeleportStepRecord> records = new ArrayList<>();
        for (TeleportStepRecord d : directed.steps()) {
            if (!d.accepted()) break;
            Tangent step = randomTangent(group, rnd, d.elementNorm());
            INDArray moved = group.apply(w, step, features);
            double after = Matrices.allFinite(moved) ? sample.meanLoss(arch, moved) : Double.NaN;
            boolean finite = Double.isFinite(after);
            records.add(new TeleportStepRecord(d.step(), Double.NaN, Double.NaN, loss, after, 1.0, d.elementNorm(), 0,
                    finite ? StepOutcome.ACCEPTED : StepOutcome.REJECTED_NON_FINITE));
            if (!finite) break;
            w = moved;
            loss = after;
            element = element.plus(step);
        }
        double objectiveEnd = objective.evaluate(arch, w, sample).value();
        // The last record carries the objective at the end, so TeleportResult.objectiveEnd() reports it.
        if (!records.isEmpty()) {
            TeleportStepRecord last = records.remove(records.size() - 1);
            records.add(new TeleportStepRecord(last.step(), directed.objectiveStart(), objectiveEnd, last.lossBefore(), last.lossAfter(),
                    last.stepSize(), last.elementNorm(), 0, last.outcome()));
        }
        return new TeleportResult(w, records, group.name() + " (random direction)", objective.name(), directed.objectiveStart(),
                lossStart, System.nanoTime() - t0, element);
    }

    /** Gaussian entries in every block, scaled so that the whole tangent has Frobenius norm {@code norm}. */
    static Tangent randomTangent(GroupAction group, SplittableRandom rnd, double norm) {
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < group.architecture().hiddenLayerCount(); m++) {
            long[] shape = group.blockShape(m);
            blocks.add(RandomDraws.gaussian(rnd, shape[0] * shape[1]).reshape('c', shape).castTo(DataType.DOUBLE));
        }
        Tangent t = new Tangent(blocks);
        double n = t.norm();
        return n == 0 ? t : t.times(norm / n);
    }
}
