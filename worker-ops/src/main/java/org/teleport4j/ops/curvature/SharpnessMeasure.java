package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.BatchSums;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The paper's sharpness phi as pure functions of the weights and a sample: the mean of L(w + t u) over the
 * radii t and unit directions u = d / ||d||, d ~ U[0,1)^N. Direction (b, r, j) -- batch b, radius r, direction j
 * -- is drawn from a seed derived from (settings seed, b, r, j) alone, so any task can regenerate it and a
 * teleport objective sees the same directions at every evaluation. Note u does not depend on w.
 */
public final class SharpnessMeasure {
    private SharpnessMeasure() {
    }

    /** The unit direction for batch b, radius index r, direction index j, [1, N] (all entries positive). */
    public static INDArray direction(long n, long seed, long batch, int radius, int index) {
        long s = RandomDraws.derive(RandomDraws.derive(RandomDraws.derive(seed, batch), radius), index);
        return RandomDraws.uniformUnitDirection(new SplittableRandom(s), n);
    }

    /** phi on one batch (index b among the measure's batches): mean over radii and directions of the perturbed loss. */
    public static double phi(NetArchitecture arch, INDArray params, TeleportSample sample, SharpnessSettings settings, long batch) {
        return perturbed(arch, params, sample, settings, batch, false).meanLoss();
    }

    /** phi over several batches (batch b gets directions b): the mean of the per-batch values, as in the paper. */
    public static double phi(NetArchitecture arch, INDArray params, List<? extends TeleportSample> batches, SharpnessSettings settings) {
        if (batches.isEmpty()) throw new IllegalArgumentException("need at least one batch");
        double s = 0;
        for (int b = 0; b < batches.size(); b++) s += phi(arch, params, batches.get(b), settings, b);
        return s / batches.size();
    }

    /**
     * Mean perturbed loss and (when {@code withGradient}) the mean gradient at the perturbed points, which is the
     * gradient of the mean perturbed loss with respect to w (the directions are fixed). Returned as a
     * {@link PerturbedLoss}: one sample pass per radius and direction.
     */
    public static PerturbedLoss perturbed(NetArchitecture arch, INDArray params, TeleportSample sample, SharpnessSettings settings,
                                          long batch, boolean withGradient) {
        long n = arch.parameterCount();
        INDArray w = params.castTo(DataType.DOUBLE).reshape(1, n);
        double lossSum = 0;
        INDArray gradientSum = withGradient ? Nd4j.zeros(DataType.DOUBLE, 1, n) : null;
        double[] radii = settings.radii();
        for (int r = 0; r < radii.length; r++)
            for (int j = 0; j < settings.directionsPerRadius(); j++) {
                INDArray moved = direction(n, settings.seed(), batch, r, j).muli(radii[r]).addi(w);
                if (withGradient) {
                    BatchSums sums = sample.sums(arch, moved, null);
                    lossSum += sums.meanLoss();
                    gradientSum.addi(sums.meanGradient());
                } else {
                    lossSum += sample.meanLoss(arch, moved);
                }
            }
        int count = settings.perturbationsPerBatch();
        return new PerturbedLoss(lossSum / count, withGradient ? gradientSum.divi(count) : null, count);
    }

    /**
     * @param meanLoss     mean of L(w + t u) over the perturbations
     * @param meanGradient mean of grad L(w + t u), or null when not asked for
     * @param passes       sample passes used (one per perturbation)
     */
    public record PerturbedLoss(double meanLoss, INDArray meanGradient, int passes) {
    }
}
