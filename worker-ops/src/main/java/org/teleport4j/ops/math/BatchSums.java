package org.teleport4j.ops.math;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one partition of data contributes: its sample count, loss sum, gradient sum and (when a direction
 * was given) Hessian-vector-product sum, all in DL4J's flat layout [1, N]. Sums add across partitions
 * ({@link #plus}); dividing by the total count gives the means.
 *
 * @param count       number of samples
 * @param lossSum     sum of per-sample losses
 * @param gradientSum sum of per-sample gradients, or null when not computed
 * @param hvpSum      sum of per-sample Hessian-vector products, or null when not computed
 */
public record BatchSums(long count, double lossSum, INDArray gradientSum, INDArray hvpSum) implements java.io.Serializable {

    public BatchSums plus(BatchSums other) {
        return new BatchSums(count + other.count, lossSum + other.lossSum,
                add(gradientSum, other.gradientSum), add(hvpSum, other.hvpSum));
    }

    private static INDArray add(INDArray a, INDArray b) {
        if (a == null || b == null) return null;
        return a.add(b);
    }

    public double meanLoss() {
        return lossSum / count;
    }

    public INDArray meanGradient() {
        return gradientSum == null ? null : gradientSum.div(count);
    }

    public INDArray meanHvp() {
        return hvpSum == null ? null : hvpSum.div(count);
    }
}
