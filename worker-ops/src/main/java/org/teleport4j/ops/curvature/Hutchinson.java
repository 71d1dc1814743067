package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Hutchinson's trace estimator: tr(A) = E[z^T A z] for Rademacher z (independent +-1 entries), whose variance
 * 2 (||A||_F^2 - sum_i A_ii^2) is the smallest of all probe distributions with independent entries. Probe i is
 * drawn from a seed derived from (seed, i), so a run with more probes extends a run with fewer. Probes go to the
 * operator {@code probesPerPass} at a time ({@link SymmetricOperator#applyToRows}: one data pass for several
 * probes where the operator supports it).
 */
public final class Hutchinson {
    private Hutchinson() {
    }

    public static TraceEstimate estimate(SymmetricOperator op, int probes, long seed) {
        return estimate(op, probes, 1, seed);
    }

    public static TraceEstimate estimate(SymmetricOperator op, int probes, int probesPerPass, long seed) {
        if (probes < 1) throw new IllegalArgumentException("need at least one probe, got " + probes);
        if (probesPerPass < 1) throw new IllegalArgumentException("probes per pass must be >= 1, got " + probesPerPass);
        long n = op.dimension();
        double[] values = new double[probes];
        for (int first = 0; first < probes; first += probesPerPass) {
            int count = Math.min(probesPerPass, probes - first);
            INDArray z = Nd4j.vstack(java.util.stream.IntStream.range(first, first + count)
                    .mapToObj(i -> probe(seed, i, n)).toArray(INDArray[]::new));
            INDArray az = op.applyToRows(z);
            INDArray quadratic = z.mul(az).sum(1);                       // z_i^T A z_i per row
            for (int i = 0; i < count; i++) values[first + i] = quadratic.getDouble(i);
        }
        return TraceEstimate.of(values);
    }

    /** Rademacher probe i of the stream {@code seed}, [1, n]. */
    static INDArray probe(long seed, int i, long n) {
        return RandomDraws.rademacher(new SplittableRandom(RandomDraws.derive(seed, i)), n);
    }
}
