package org.teleport4j.driver.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.EpochMetrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run interrupted in the middle of an epoch resumes from its last checkpoint: same epoch count, no
 * duplicated metric rows, and (training being deterministic) the very same final weights as a run that
 * was never interrupted.
 */
class ResumeTest extends LocalSparkTest {

    @TempDir
    Path runs;

    static TrainConfig config(Path runs, String id) {
        return TrainingFixtures.mnist(runs, "run.id=" + id, "data.train-limit=600", "data.test-limit=200", "training.epochs=3",
                "training.workers=2", "training.averaging-frequency=3", "training.data-type=double", "optimizer.kind=adam",
                "optimizer.learning-rate=0.003", "data.shuffle=true");
    }

    @Test
    void interruptedRunResumesToTheSameResult() throws Exception {
        TrainingResult reference = new ParameterAveragingTrainer(sc, config(runs, "uninterrupted")).run();

        TrainConfig cfg = config(runs, "interrupted");
        RuntimeException crash = assertThrows(RuntimeException.class, () -> new ParameterAveragingTrainer(sc, cfg)
                .addHook((info, net) -> {
                    if (info.epoch() == 1 && info.round() == 2) throw new IllegalStateException("simulated crash in epoch 1");
                }).run());
        assertEquals("simulated crash in epoch 1", crash.getMessage());
        Path dir = runs.resolve("interrupted");
        assertFalse(Files.exists(dir.resolve("_SUCCESS")));
        assertEquals(2, Files.readAllLines(dir.resolve("metrics.csv")).size(), "header + epoch 0");

        TrainingResult resumed = new ParameterAveragingTrainer(sc, cfg).run();
        assertEquals(0, resumed.resumedFromEpoch());
        assertEquals(List.of(0, 1, 2), resumed.metrics().stream().map(EpochMetrics::epoch).toList());
        assertEquals(4, Files.readAllLines(dir.resolve("metrics.csv")).size(), "no duplicated rows");
        double diff = resumed.network().params().sub(reference.network().params()).amaxNumber().doubleValue();
        assertTrue(diff < 1e-12, "resumed run differs from the uninterrupted one by " + diff);
        assertEquals(reference.network().getIterationCount(), resumed.network().getIterationCount());
        for (int e = 0; e < 3; e++)
            assertEquals(reference.metrics().get(e).testLoss(), resumed.metrics().get(e).testLoss(), 1e-12);
    }
}
