package org.teleport4j.driver.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlopCountTest {
    @Test
    void countsMatmulFlopsOfForwardAndBackward() {
        int[] widths = {4, 3, 2};
        assertEquals(4 * 3 + 3 * 2, FlopCount.weightProducts(widths));
        assertEquals(2L * 5 * 18, FlopCount.forward(widths, 5));
        // backward: weight gradient and input gradient per layer, each as many FLOPs as the forward product
        assertEquals(3 * 2L * 5 * 18, FlopCount.trainingStep(widths, 5));
    }

    @Test
    void paperCifarMlpAtBatch20() {
        long p = 3072 * 128 + 128 * 32 + 32 * 10;
        assertEquals(6L * 20 * p, FlopCount.trainingStep(new int[]{3072, 128, 32, 10}, 20));
    }
}
