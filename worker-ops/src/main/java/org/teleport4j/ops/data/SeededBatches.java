package org.teleport4j.ops.data;

import java.util.SplittableRandom;

/**
 * Which examples make up each of the measures' batches: consecutive slices of one seeded permutation of the
 * examples, a new permutation whenever the previous one runs out (so batches are fresh until the data is used up,
 * as in the paper). A pure function of (n, count, size, seed), so a model measured in memory and one measured
 * across executors see the same batches.
 */
public final class SeededBatches {
    private SeededBatches() {
    }

    /** {@code count} batches of min(size, n) example indices in [0, n), in batch order. */
    public static int[][] indices(int n, int count, int size, long seed) {
        if (n < 1 || count < 1 || size < 1) throw new IllegalArgumentException("need n, count and size >= 1, got " + n + ", " + count + ", " + size);
        int k = Math.min(size, n);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] perm = permutation(n, rnd);
        int next = 0;
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            if (next + k > perm.length) {
                perm = permutation(n, rnd);
                next = 0;
            }
            out[b] = java.util.Arrays.copyOfRange(perm, next, next + k);
            next += k;
        }
        return out;
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
