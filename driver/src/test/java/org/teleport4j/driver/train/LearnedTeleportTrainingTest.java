package org.teleport4j.driver.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.ops.meta.LstmMetaOptimizer;
import org.teleport4j.ops.meta.MetaKind;
import org.teleport4j.ops.meta.MetaOptimizerFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A saved meta-optimiser as the teleport policy of Spark training (teleport.objective = learned): teleports logged
 * with a small loss drift; a file that does not fit the network is rejected before training.
 */
class LearnedTeleportTrainingTest extends LocalSparkTest {

    @TempDir
    Path tmp;

    private Path saved(MetaKind kind, int n) throws Exception {
        Path f = tmp.resolve(kind.id() + "-" + n + ".meta");
        Files.write(f, MetaOptimizerFile.toBytes(LstmMetaOptimizer.initial(kind, n, 8, 1, 1, 5)));
        return f;
    }

    /** MNIST 784-16-10-10-10: hidden layer 2 has incoming and outgoing weights of 10 x 10. */
    private TrainConfig config(Path file, int hiddenLayer, String... extra) {
        List<String> sets = new java.util.ArrayList<>(List.of("model.hidden=[16, 10, 10]", "data.train-limit=800", "data.test-limit=200",
                "training.epochs=1", "training.data-type=double", "training.train-loss=running", "teleport.mode=teleport",
                "teleport.group=form-b", "teleport.objective=learned", "teleport.learned.file=\"" + file + "\"",
                "teleport.learned.hidden-layer=" + hiddenLayer, "teleport.schedule.kind=paper", "teleport.schedule.epoch=0",
                "teleport.schedule.rounds=3"));
        sets.addAll(List.of(extra));
        return TrainingFixtures.mnist(tmp.resolve("runs"), sets.toArray(String[]::new));
    }

    @Test
    void learnedPolicyTeleportsDuringTraining() throws Exception {
        TrainConfig cfg = config(saved(MetaKind.LR_TELE, 10), 2);
        TrainingResult r = new ParameterAveragingTrainer(sc, cfg).run();
        assertEquals(1, r.metrics().size());
        List<String[]> log = TeleportTrainingTest.rows(tmp.resolve("runs").resolve(cfg.runId()));
        assertEquals(3, log.size(), "a teleport before each of the first 3 rounds");
        int accepted = 0;
        for (String[] e : log) {
            assertEquals("teleport", e[3]);
            assertEquals("form-B", e[4]);
            assertEquals("learned", e[5]);
            double drift = Double.parseDouble(e[10]);
            accepted += Integer.parseInt(e[11]);
            System.out.printf("learned teleport: ||grad L||^2 %s -> %s, loss %s -> %s, relative drift %.2e, accepted %s%n",
                    e[6], e[7], e[8], e[9], drift, e[11]);
            assertTrue(drift <= 1e-2, "drift within the tolerance: " + drift);
        }
        assertTrue(accepted > 0, "the policy's teleports are applied");
    }

    @Test
    void mismatchedShapeIsRejectedNamingKeyFileAndShapes() throws Exception {
        Path file = saved(MetaKind.LR_TELE, 10);
        BadConfigException e = assertThrows(BadConfigException.class, () -> config(file, 1));
        assertTrue(e.getMessage().contains("teleport.learned.file") && e.getMessage().contains(file.toString())
                && e.getMessage().contains("[16, 10]") && e.getMessage().contains("[10, 10]"), e.getMessage());
        Path small = saved(MetaKind.UPDATE_TELE, 3);
        e = assertThrows(BadConfigException.class, () -> config(small, 2));
        assertTrue(e.getMessage().contains("trained for [3, 3]"), e.getMessage());
        Path plain = saved(MetaKind.UPDATE, 10);
        e = assertThrows(BadConfigException.class, () -> config(plain, 2));
        assertTrue(e.getMessage().contains("outputs no teleport"), e.getMessage());
        e = assertThrows(BadConfigException.class, () -> config(file, 2, "teleport.group=scaling"));
        assertTrue(e.getMessage().contains("teleport.group = form-b"), e.getMessage());
        Path corrupt = tmp.resolve("corrupt.meta");
        Files.write(corrupt, "garbage".getBytes());
        e = assertThrows(BadConfigException.class, () -> config(corrupt, 2));
        assertTrue(e.getMessage().contains(corrupt.toString()), e.getMessage());
    }
}
