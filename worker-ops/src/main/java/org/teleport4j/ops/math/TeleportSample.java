package org.teleport4j.ops.math;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The data an objective is evaluated on during a teleport, seen only through its sums: a batch held in
 * memory ({@link LocalSample}) or a sample spread over Spark executors (the driver's implementation,
 * which reduces {@link BatchSums} with treeAggregate). Every objective is written against this, so the
 * same teleport runs on the driver or distributed.
 */
public interface TeleportSample {

    /** Count, loss sum, gradient sum and (direction not null) the sum form of H v, at {@code params}. */
    BatchSums sums(NetArchitecture arch, INDArray params, INDArray direction);

    /** Mean loss at {@code params}: a forward pass only where the data is local (no gradient is formed). */
    default double meanLoss(NetArchitecture arch, INDArray params) {
        return sums(arch, params, null).meanLoss();
    }

    /**
     * The sample's features when they are held in memory (the data-dependent actions need them), else null:
     * such a sample serves only the exact, data-independent groups.
     */
    INDArray features();

    /** Mean loss, g and H g; two passes by default (g first, then H g), one where the data is local. */
    default GradientAndHvp gradientAndHessianGradient(NetArchitecture arch, INDArray params) {
        BatchSums first = sums(arch, params, null);
        INDArray g = first.meanGradient();
        BatchSums second = sums(arch, params, g);
        return new GradientAndHvp(first.meanLoss(), g, second.meanHvp());
    }
}
