package org.teleport4j.driver.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.teleport.TeleportLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Teleportation of the averaged weights inside real Spark training, logged per teleport. */
class TeleportTrainingTest extends LocalSparkTest {

    @TempDir
    Path runs;

    static List<String[]> rows(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(TeleportLog.FILE));
        assertEquals(TeleportLog.HEADER, lines.get(0));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
    }

    @Test
    void scalingTeleportRaisesTheGradientNormAtUnchangedLossAndIsBroadcast() throws Exception {
        TrainConfig cfg = TrainingFixtures.mnist(runs, "data.train-limit=800", "data.test-limit=200", "training.epochs=2",
                "training.data-type=double", "training.train-loss=running", "teleport.mode=teleport", "teleport.group=scaling",
                "teleport.step-size=2", "teleport.schedule.kind=epochs", "teleport.schedule.epochs=[1]", "optimizer.learning-rate=0.05");
        double[] scoreBefore = new double[1];
        TrainingResult r = new ParameterAveragingTrainer(sc, cfg).addHook(new RoundHook() {
            @Override
            public void afterRound(RoundInfo info, org.deeplearning4j.nn.multilayer.MultiLayerNetwork averaged) {
            }

            @Override
            public void beforeRound(RoundInfo info, org.deeplearning4j.nn.multilayer.MultiLayerNetwork averaged) {
                // Runs after the teleport hook: the network it sees is what this round broadcasts.
                if (info.epoch() == 1 && info.round() == 0) scoreBefore[0] = averaged.params().sumNumber().doubleValue();
            }
        }).run();
        List<String[]> log = rows(runs.resolve(cfg.runId()));
        assertEquals(1, log.size(), "one teleport, before the first round of epoch 1");
        String[] e = log.get(0);
        assertEquals("1", e[0]);
        assertEquals("0", e[1]);
        assertEquals("positive-scaling", e[4]);
        assertEquals("driver", e[14], "200 examples are teleported on the driver");
        double objBefore = Double.parseDouble(e[6]), objAfter = Double.parseDouble(e[7]), drift = Double.parseDouble(e[10]);
        System.out.printf("Spark teleport: ||grad L||^2 %.5f -> %.5f, relative loss drift %.2e, %s/%s steps%n", objBefore, objAfter, drift, e[11], e[12]);
        assertTrue(objAfter > objBefore, "gradient norm raised");
        assertTrue(drift < 1e-9, "loss kept (exact group, double precision): " + drift);
        assertEquals(2, r.metrics().size());
        assertTrue(Double.isFinite(scoreBefore[0]));
    }

    @Test
    void resetOnlyControlLogsResetsAndLeavesWeightsAlone() throws Exception {
        TrainConfig cfg = TrainingFixtures.mnist(runs, "data.train-limit=400", "data.test-limit=100", "training.epochs=1",
                "training.train-loss=running", "training.averaging-frequency=1", "teleport.mode=reset-only", "teleport.schedule.rounds=3",
                "optimizer.kind=adagrad");
        new ParameterAveragingTrainer(sc, cfg).run();
        List<String[]> log = rows(runs.resolve(cfg.runId()));
        assertEquals(3, log.size());
        for (String[] e : log) {
            assertEquals("reset-only", e[3]);
            assertEquals("reset", e[15]);
        }
    }

    @Test
    void largeSamplesOfAnExactGroupAreSummedOnTheExecutors() throws Exception {
        TrainConfig cfg = TrainingFixtures.mnist(runs, "data.train-limit=5000", "data.test-limit=100", "training.epochs=1",
                "training.data-type=double", "training.train-loss=running", "training.averaging-frequency=25",
                "teleport.mode=teleport", "teleport.group=scaling", "teleport.steps=3", "teleport.step-size=2",
                "teleport.sample-size=" + (org.teleport4j.driver.teleport.TeleportHook.DRIVER_SAMPLE_LIMIT + 500),
                "teleport.schedule.kind=epochs", "teleport.schedule.epochs=[0]");
        new ParameterAveragingTrainer(sc, cfg).run();
        String[] e = rows(runs.resolve(cfg.runId())).get(0);
        double objBefore = Double.parseDouble(e[6]), objAfter = Double.parseDouble(e[7]), drift = Double.parseDouble(e[10]);
        System.out.printf("distributed teleport sample: ||grad L||^2 %.5f -> %.5f, drift %.2e%n", objBefore, objAfter, drift);
        assertEquals("executors", e[14]);
        assertTrue(objAfter > objBefore);
        assertTrue(drift < 1e-9, "drift " + drift);
    }
}
