package org.teleport4j.driver.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.spark.RoundLayout;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The two per-round fixes of issue 7 change no result: the known minibatch count, and the per-task thread setting. */
class RoundOverheadFixesTest extends LocalSparkTest {
    @TempDir
    Path runs;

    @Test
    void minibatchesPerRoundIncludeAShortLastRound() {
        RoundLayout even = new RoundLayout(1000, 2, 20, 5);
        for (int r = 0; r < even.rounds(); r++) assertEquals(10, ParameterAveragingTrainer.minibatchesIn(even, r));
        RoundLayout ragged = new RoundLayout(1010, 2, 20, 5);   // 51 minibatches: 5 rounds of 10, then 1
        assertEquals(6, ragged.rounds());
        assertEquals(10, ParameterAveragingTrainer.minibatchesIn(ragged, 4));
        assertEquals(1, ParameterAveragingTrainer.minibatchesIn(ragged, 5));
    }

    @Test
    void skippingTheCountJobAndSettingThreadsGiveTheSameWeights() {
        // 610 examples, batch 20, 2 workers, averaging every 3: 31 minibatches, the last round short and uneven
        String[] sets = {"data.train-limit=610", "data.test-limit=100", "training.epochs=2", "training.batch-size=20",
                "training.averaging-frequency=3", "training.train-loss=running", "training.data-type=double"};
        INDArray dl4j = train(sets, "count-job", true, 0);
        INDArray known = train(sets, "known-count", false, 0);
        INDArray oneThread = train(sets, "one-thread", false, 1);
        assertEquals(0, dl4j.sub(known).norm1Number().doubleValue(), 0.0, "known count: identical rounds");
        assertEquals(0, dl4j.sub(oneThread).norm1Number().doubleValue(), 1e-9 * dl4j.norm1Number().doubleValue(),
                "one thread per task: the same weights up to summation order");
    }

    private INDArray train(String[] sets, String id, boolean countJob, int threads) {
        String[] all = java.util.Arrays.copyOf(sets, sets.length + 1);
        all[sets.length] = "run.id=" + id;
        TrainConfig cfg = TrainingFixtures.mnist(runs, all);
        return new ParameterAveragingTrainer(sc, cfg).countJob(countJob).taskThreads(threads).run().network().params().dup();
    }
}
