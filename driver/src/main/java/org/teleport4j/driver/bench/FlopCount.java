package org.teleport4j.driver.bench;

/**
 * Matmul FLOPs of one training step of a dense MLP with layer widths d_0..d_L on a minibatch of B: forward
 * 2 B sum_m d_m d_{m+1} (Z = H W), backward twice that (the weight gradient H^T dZ and the input gradient
 * dZ W^T, both per layer). Elementwise work (activations, softmax, the update) is not counted.
 */
public final class FlopCount {
    private FlopCount() {
    }

    /** sum_m d_m d_{m+1}: the weight count without biases. */
    public static long weightProducts(int[] widths) {
        long s = 0;
        for (int m = 0; m + 1 < widths.length; m++) s += (long) widths[m] * widths[m + 1];
        return s;
    }

    public static long forward(int[] widths, int batch) {
        return 2L * batch * weightProducts(widths);
    }

    /** Forward plus backward: 6 B sum d_m d_{m+1}. */
    public static long trainingStep(int[] widths, int batch) {
        return 3 * forward(widths, batch);
    }
}
