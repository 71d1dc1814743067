package org.teleport4j.jobs.cluster;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.jobs.ExitCodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The driver killed with SIGKILL mid-run (no shutdown hooks, no cleanup), then the same command again: it resumes
 * after the last checkpoint, and the run directory ends with every epoch's metrics exactly once and loadable
 * checkpoints. Runs the local launcher deploy/teleport4j as a real process.
 */
class DriverKillIT {
    static final Path STATE = Path.of("target/driver-kill-it").toAbsolutePath();

    static List<String> command() {
        return new ArrayList<>(List.of("bash", "deploy/teleport4j", "train",
                "--set", "data.dataset=mnist", "--set", "data.dir=" + Processes.data(), "--set", "run.dir=" + STATE.resolve("runs"),
                "--set", "run.id=driver-kill", "--set", "model.hidden=[16, 10]", "--set", "spark.master=local[2]",
                "--set", "training.workers=2", "--set", "data.train-limit=2000", "--set", "data.test-limit=500",
                "--set", "training.epochs=4", "--set", "optimizer.kind=adam", "--set", "optimizer.learning-rate=0.005",
                "--set", "run.keep-checkpoints=2"));
    }

    @Test
    void aKilledDriverResumesFromItsLastCheckpoint() throws Exception {
        StandaloneClusterIT.deleteRecursively(STATE);
        Path dir = STATE.resolve("runs/driver-kill");
        Map<String, String> env = Map.of("TELEPORT4J_JAVA_OPTS", "-Xmx2g");

        Path log1 = STATE.resolve("first.log");
        Process first = Processes.start(env, log1, command());
        Processes.awaitFile(dir.resolve("checkpoints/latest.properties"), first, log1, Duration.ofMinutes(3));
        // deploy/teleport4j execs java, so this is the driver JVM itself.
        first.destroyForcibly();
        assertEquals(137, first.waitFor(), "killed by SIGKILL");
        assertFalse(Files.exists(dir.resolve("_SUCCESS")));
        int checkpointed = checkpointedEpoch(dir);
        assertTrue(checkpointed < 3, "killed before the last epoch (checkpointed epoch " + checkpointed + ")");
        List<String> rowsBefore = Files.readAllLines(dir.resolve("metrics.csv"));

        Processes.Finished second = Processes.run(env, STATE.resolve("second.log"), Duration.ofMinutes(4), command());
        assertEquals(ExitCodes.OK, second.exitCode(), second.output());
        assertTrue(second.output().contains("resuming after epoch " + checkpointed), second.output());
        assertTrue(Files.exists(dir.resolve("_SUCCESS")));

        List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(EpochMetrics.HEADER, rows.get(0));
        List<EpochMetrics> metrics = rows.stream().skip(1).filter(l -> !l.isBlank()).map(EpochMetrics::parseCsv).toList();
        assertEquals(IntStream.range(0, 4).boxed().toList(), metrics.stream().map(EpochMetrics::epoch).toList(), "no gaps, no duplicates");
        // Rows of the epochs checkpointed before the kill are kept as they were written.
        assertEquals(rowsBefore.subList(0, checkpointed + 2), rows.subList(0, checkpointed + 2));
        assertTrue(metrics.get(3).testAccuracy() > 0.5, metrics.toString());

        try (Stream<Path> s = Files.list(dir.resolve("checkpoints"))) {
            List<Path> zips = s.filter(p -> p.getFileName().toString().matches("epoch-\\d{6}\\.zip")).sorted().toList();
            assertEquals(List.of("epoch-000002.zip", "epoch-000003.zip"), zips.stream().map(p -> p.getFileName().toString()).toList());
            for (Path zip : zips) {
                MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
                assertFalse(net.params().isNaN().any(), zip.toString());
                assertNotNull(net.getUpdater().getStateViewArray(), "updater state saved with " + zip);
            }
        }
        assertEquals(3, checkpointedEpoch(dir));
    }

    static int checkpointedEpoch(Path runDir) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(runDir.resolve("checkpoints/latest.properties"))) {
            p.load(in);
        }
        return Integer.parseInt(p.getProperty("epoch"));
    }
}
