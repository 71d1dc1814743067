package org.teleport4j.driver.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.CheckpointStore;
import org.teleport4j.driver.run.RunDirectory;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run whose averaged loss or weights become non-finite stops at that round with a message naming it, and
 * leaves the checkpoints of earlier epochs as they were.
 */
class DivergenceTest {
    static JavaSparkContext sc;

    @TempDir
    Path runs;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start(2);
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    private TrainConfig config(String id, String learningRate) {
        return TrainingFixtures.mnist(runs, "run.id=" + id, "data.train-limit=400", "data.test-limit=100", "training.epochs=3",
                "training.workers=2", "training.averaging-frequency=2", "optimizer.learning-rate=" + learningRate);
    }

    @Test
    void nanWeightsAfterARoundStopTheRunAndKeepEarlierCheckpoints() {
        TrainConfig cfg = config("nan-weights", "0.01");
        // Whatever breaks the weights (an optimiser step, a teleport) is seen after the round's hooks.
        NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class, () -> new ParameterAveragingTrainer(sc, cfg)
                .addHook((info, net) -> {
                    if (info.epoch() == 1 && info.round() == 2) net.params().putScalar(7, Double.NaN);
                }).run());
        assertEquals(1, e.round().epoch());
        assertEquals(2, e.round().round());
        assertTrue(e.getMessage().contains("epoch 2, averaging round 3/5"), e.getMessage());

        Path dir = runs.resolve("nan-weights");
        assertFalse(Files.exists(dir.resolve("_SUCCESS")));
        CheckpointStore store = new CheckpointStore(new RunDirectory(dir.toString(), new Configuration()), 2);
        CheckpointStore.Checkpoint latest = store.latest().orElseThrow();
        assertEquals(0, latest.epoch(), "epoch 0's checkpoint is the newest");
        MultiLayerNetwork restored = store.load(latest);
        assertFalse(restored.params().isNaN().any() || restored.params().isInfinite().any(), "the kept checkpoint is finite");
    }

    @Test
    void aDivergingLearningRateIsCaughtInTheFirstEpoch() {
        TrainConfig cfg = config("lr-10", "10");
        NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class, () -> new ParameterAveragingTrainer(sc, cfg).run());
        assertEquals(0, e.round().epoch());
        assertTrue(e.getMessage().contains("training diverged in epoch 1"), e.getMessage());
        assertFalse(Files.exists(runs.resolve("lr-10/checkpoints/latest.properties")), "nothing diverged was checkpointed");
    }

    @Test
    void finiteRoundsPass() {
        MultiLayerNetwork net = TrainingFixtures.mnist(runs).modelSpec().newNetwork(
                org.teleport4j.ops.model.OptimizerKind.SGD.updater(0.1), 1, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        assertDoesNotThrow(() -> ParameterAveragingTrainer.checkFinite(new RoundInfo(0, 0, 1, 1, 2.3), net));
        assertThrows(NonFiniteTrainingException.class,
                () -> ParameterAveragingTrainer.checkFinite(new RoundInfo(0, 0, 1, 1, Double.POSITIVE_INFINITY), net));
        net.params().putScalar(0, Float.NEGATIVE_INFINITY);
        assertThrows(NonFiniteTrainingException.class, () -> ParameterAveragingTrainer.checkFinite(new RoundInfo(0, 0, 1, 1, 2.3), net));
    }
}
