package org.teleport4j.driver.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.EpochMetrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Real parameter-averaged training in Spark local[2] on a real MNIST subset. */
class SparkTrainingTest extends LocalSparkTest {

    @TempDir
    Path runs;

    @Test
    void learnsWellAboveChanceAndWritesTheRunDirectory() throws Exception {
        TrainConfig cfg = TrainingFixtures.mnist(runs, "data.train-limit=4000", "data.test-limit=1000", "training.epochs=3",
                "training.batch-size=20", "training.averaging-frequency=10", "optimizer.learning-rate=0.1");
        TrainingResult r = new ParameterAveragingTrainer(sc, cfg).run();
        List<EpochMetrics> m = r.metrics();
        assertEquals(List.of(0, 1, 2), m.stream().map(EpochMetrics::epoch).toList());
        EpochMetrics last = r.last();
        System.out.printf("MNIST 4000 examples, local[2], 3 epochs: train loss %.4f, test loss %.4f, test accuracy %.4f%n",
                last.trainLoss(), last.testLoss(), last.testAccuracy());
        assertTrue(last.testAccuracy() > 0.6, "test accuracy " + last.testAccuracy() + " (chance is 0.1)");
        assertTrue(m.get(2).trainLoss() < m.get(0).trainLoss(), "train loss falls");
        assertEquals(4000, last.examples());

        Path dir = runs.resolve(cfg.runId());
        assertTrue(Files.exists(dir.resolve("_SUCCESS")));
        assertEquals(4, Files.readAllLines(dir.resolve("metrics.csv")).size(), "header + 3 rows");
        assertTrue(Files.exists(dir.resolve("config.conf")));
        try (var files = Files.list(dir.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-000001.zip", "epoch-000002.zip", "latest.properties"),
                    files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList(),
                    "two newest checkpoints kept, no temp files");
        }

        TrainingResult again = new ParameterAveragingTrainer(sc, cfg).run();
        assertTrue(again.alreadyComplete(), "a finished run is not redone");
        assertEquals(m, again.metrics());
    }

    @Test
    void refusesToResumeARunDirectoryWithAnotherConfig() {
        TrainConfig a = TrainingFixtures.mnist(runs, "run.id=fixed", "data.train-limit=200", "data.test-limit=100", "training.epochs=1",
                "training.train-loss=running");
        TrainConfig b = TrainingFixtures.mnist(runs, "run.id=fixed", "data.train-limit=200", "data.test-limit=100", "training.epochs=1",
                "training.train-loss=running", "optimizer.learning-rate=0.5");
        RuntimeException boom = new RuntimeException("interrupted");
        assertThrows(RuntimeException.class, () -> new ParameterAveragingTrainer(sc, a).addHook((i, n) -> {
            throw boom;
        }).run());
        BadConfigException e = assertThrows(BadConfigException.class, () -> new ParameterAveragingTrainer(sc, b).run());
        assertTrue(e.getMessage().contains("different configuration"), e.getMessage());
    }
}
