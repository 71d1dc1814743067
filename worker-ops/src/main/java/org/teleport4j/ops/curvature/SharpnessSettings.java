package org.teleport4j.ops.curvature;

import java.util.Arrays;

/**
 * The paper's sharpness phi (eq. 4): the mean loss after random weight perturbations w + t d/||d||, d ~ U[0,1)^N
 * (all entries positive), averaged over the radii t, {@code directionsPerRadius} directions per radius and
 * batch, and {@code batches} batches of {@code batchSize} samples.
 *
 * @param radii               perturbation radii t (each > 0)
 * @param directionsPerRadius directions per radius per batch (the measure: 1; the teleport objective: 100)
 * @param batches             batches to average over (the measure: 200)
 * @param batchSize           samples per batch (the measure: 200; the teleport batch: 2000)
 * @param seed                seed of every direction (direction (b, r, d) depends only on seed and indices)
 */
public record SharpnessSettings(double[] radii, int directionsPerRadius, int batches, int batchSize, long seed) implements java.io.Serializable {

    public SharpnessSettings {
        if (radii == null || radii.length == 0) throw new IllegalArgumentException("need at least one radius");
        for (double t : radii) if (!(t > 0) || Double.isInfinite(t)) throw new IllegalArgumentException("radii must be positive and finite, got " + Arrays.toString(radii));
        if (directionsPerRadius < 1 || batches < 1 || batchSize < 1)
            throw new IllegalArgumentException("directions per radius, batches and batch size must be >= 1");
        radii = radii.clone();
    }

    /** MNIST measure: t = 0.001, 0.011, ..., 0.191 (20 radii), one direction each, 200 batches of 200. */
    public static SharpnessSettings paperMnist(long seed) {
        return new SharpnessSettings(arithmetic(0.001, 0.01, 20), 1, 200, 200, seed);
    }

    /** Fashion-MNIST and CIFAR-10 measure: t = 0.0001, 0.0011, ..., 0.0191 (20 radii), one direction each, 200 batches of 200. */
    public static SharpnessSettings paperFashionCifar(long seed) {
        return new SharpnessSettings(arithmetic(0.0001, 0.001, 20), 1, 200, 200, seed);
    }

    /** The teleport objective of experiment 3: t = 0.1, ..., 0.9 (9 radii), 100 directions each, one teleport batch of 2000. */
    public static SharpnessSettings paperTeleportObjective(long seed) {
        return new SharpnessSettings(arithmetic(0.1, 0.1, 9), 100, 1, 2000, seed);
    }

    /** first, first + step, ..., count values, each rounded to 12 significant digits (0.001 + 0.01 i, not 0.011000000000000001). */
    public static double[] arithmetic(double first, double step, int count) {
        double[] t = new double[count];
        for (int i = 0; i < count; i++) t[i] = Double.parseDouble(String.format("%.12g", first + step * i));
        return t;
    }

    @Override
    public double[] radii() {
        return radii.clone();
    }

    public int radiusCount() {
        return radii.length;
    }

    /** Perturbed losses per batch: radii x directions. */
    public int perturbationsPerBatch() {
        return radii.length * directionsPerRadius;
    }

    public SharpnessSettings withSeed(long s) {
        return new SharpnessSettings(radii, directionsPerRadius, batches, batchSize, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharpnessSettings s && Arrays.equals(radii, s.radii) && directionsPerRadius == s.directionsPerRadius
                && batches == s.batches && batchSize == s.batchSize && seed == s.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(radii) * 31 + Long.hashCode(seed) + 7 * directionsPerRadius + 13 * batches + 17 * batchSize;
    }

    @Override
    public String toString() {
        return "sharpness(radii " + Arrays.toString(radii) + ", " + directionsPerRadius + " direction(s) per radius, "
                + batches + " batch(es) of " + batchSize + ", seed " + seed + ")";
    }
}
