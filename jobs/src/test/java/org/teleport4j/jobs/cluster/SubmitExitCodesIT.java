package org.teleport4j.jobs.cluster;

import org.junit.jupiter.api.Test;
import org.teleport4j.jobs.ExitCodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Exit codes by failure class through Spark's real SparkSubmit (deploy/spark-submit.sh, the spark-submit jar),
 * in local mode to keep them cheap: what a scheduler such as Airflow sees. The cluster version of a data error
 * found by executors is in StandaloneClusterIT.
 */
class SubmitExitCodesIT {
    static final Path STATE = Path.of("target/submit-exit-codes-it").toAbsolutePath();

    static Processes.Finished submit(String name, String... jobArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "deploy/spark-submit.sh", "--master", "local[2]", "train",
                "--set", "run.dir=" + STATE.resolve("runs"), "--set", "run.id=" + name));
        cmd.addAll(List.of(jobArgs));
        return Processes.run(Map.of("TELEPORT4J_DRIVER_MEMORY", "1g"), STATE.resolve(name + ".log"), Duration.ofMinutes(3), cmd);
    }

    @Test
    void anUnknownKeyIs2() throws Exception {
        Processes.Finished f = submit("unknown-key", "--set", "training.epoks=2");
        assertEquals(ExitCodes.BAD_CONFIG, f.exitCode(), f.output());
        assertTrue(f.output().contains("training.epoks"), f.output());
    }

    @Test
    void aMissingDataPathIs3() throws Exception {
        Path empty = Files.createDirectories(STATE.resolve("no-data"));
        Processes.Finished f = submit("missing", "--set", "data.dataset=mnist", "--set", "data.dir=" + empty);
        assertEquals(ExitCodes.BAD_DATA, f.exitCode(), f.output());
        assertTrue(f.output().contains(empty.resolve("mnist/train-images-idx3-ubyte").toString()), f.output());
    }

    @Test
    void aTruncatedFileIs3() throws Exception {
        Path cifar = Files.createDirectories(STATE.resolve("truncated/cifar-10"));
        for (String name : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"))
            Files.write(cifar.resolve(name), new byte[name.equals("data_batch_2.bin") ? 3073 * 3 - 100 : 3073 * 3]);
        Processes.Finished f = submit("truncated", "--set", "data.dir=" + cifar.getParent());
        assertEquals(ExitCodes.BAD_DATA, f.exitCode(), f.output());
        assertTrue(f.output().contains("data_batch_2.bin") && f.output().contains("truncated"), f.output());
    }

    @Test
    void aDivergingRunIs4AndNamesTheRound() throws Exception {
        Processes.Finished f = submit("diverging", "--set", "data.dataset=mnist", "--set", "data.dir=" + Processes.data(),
                "--set", "data.train-limit=400", "--set", "data.test-limit=100", "--set", "model.hidden=[16, 10]",
                "--set", "training.workers=2", "--set", "optimizer.learning-rate=10");
        assertEquals(ExitCodes.RUNTIME_FAILURE, f.exitCode(), f.output());
        assertTrue(f.output().matches("(?s).*training diverged in epoch 1, averaging round \\d+/\\d+.*"), f.output());
        assertFalse(Files.exists(STATE.resolve("runs/diverging/_SUCCESS")));
    }
}
