package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Seeded random vectors for the estimators, drawn with {@link SplittableRandom} (independent of ND4J's
 * global RNG state, identical on every JVM), and seeds derived from a base seed and an index so that
 * draw i of a run does not depend on how many draws came before it (a driver can hand draw i to any task).
 */
public final class RandomDraws {
    private RandomDraws() {
    }

    /** A well-mixed seed for draw {@code index} of the stream {@code seed} (SplitMix64 finaliser of both). */
    public static long derive(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** [1, n] with N(0, 1) entries. */
    public static INDArray gaussian(SplittableRandom rnd, long n) {
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
        return row(v);
    }

    /** [1, n] with independent +-1 entries (Rademacher). */
    public static INDArray rademacher(SplittableRandom rnd, long n) {
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextBoolean() ? 1.0 : -1.0;
        return row(v);
    }

    /** [rows, cols] with U[0, 1) entries. */
    public static INDArray uniform(SplittableRandom rnd, long rows, long cols) {
        double[] v = new double[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextDouble();
        return Nd4j.create(v, new long[]{rows, cols}, DataType.DOUBLE);
    }

    /** d / ||d|| for d ~ U[0, 1)^n: the paper's (all-positive) sharpness perturbation direction, [1, n]. */
    public static INDArray uniformUnitDirection(SplittableRandom rnd, long n) {
        INDArray d = uniform(rnd, 1, n);
        return d.divi(d.norm2Number().doubleValue());
    }

    private static INDArray row(double[] v) {
        return Nd4j.create(v, new long[]{1, v.length}, DataType.DOUBLE);
    }
}
