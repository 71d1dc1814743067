package org.teleport4j.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The command line's distinct exit codes, with messages that name the problem. */
class ExitCodesTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String err) {
    }

    private static Outcome run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            return new Outcome(Teleport4j.run(args), err.toString());
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void unknownKeyIsBadConfig() {
        Outcome o = run("train", "--set", "training.epoks=3");
        assertEquals(ExitCodes.BAD_CONFIG, o.code());
        assertTrue(o.err().contains("training.epoks"), o.err());
    }

    @Test
    void outOfRangeValueIsBadConfig() {
        Outcome o = run("train", "--set", "training.batch-size=0");
        assertEquals(ExitCodes.BAD_CONFIG, o.code());
        assertTrue(o.err().contains("training.batch-size = 0"), o.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(ExitCodes.BAD_CONFIG, run("train", "--no-such-option").code());
    }

    @Test
    void missingDatasetIsBadDataAndNamesTheFile() {
        Outcome o = run("train", "--set", "data.dir=" + tmp.resolve("empty"), "--set", "run.dir=" + tmp.resolve("runs"),
                "--set", "data.dataset=mnist", "--set", "spark.master=local[1]");
        assertEquals(ExitCodes.BAD_DATA, o.code(), o.err());
        assertTrue(o.err().contains("train-images-idx3-ubyte"), o.err());
    }

    @Test
    void truncatedCifarFileIsBadData() throws Exception {
        Path cifar = Files.createDirectories(tmp.resolve("data/cifar-10"));
        for (String f : new String[]{"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"})
            Files.write(cifar.resolve(f), new byte[3073 * 2 - 5]);
        Outcome o = run("train", "--set", "data.dir=" + tmp.resolve("data"), "--set", "run.dir=" + tmp.resolve("runs"),
                "--set", "spark.master=local[1]");
        assertEquals(ExitCodes.BAD_DATA, o.code(), o.err());
        assertTrue(o.err().contains("data_batch_1.bin") && o.err().contains("truncated"), o.err());
    }

    @Test
    void printConfigShowsTheResolvedValues() {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            assertEquals(ExitCodes.OK, Teleport4j.run("train", "--preset", "../conf/quickstart.conf", "--print-config"));
        } finally {
            System.setOut(oldOut);
        }
        assertTrue(out.toString().contains("train-limit=10000") || out.toString().contains("train-limit = 10000"), out.toString());
    }

    @Test
    void experimentJobsShareTheConfigurationHandling() {
        Outcome o = run("optimizers", "--preset", "../conf/optimizers-quick.conf", "--set", "optimizers.seedz=3");
        assertEquals(ExitCodes.BAD_CONFIG, o.code());
        assertTrue(o.err().contains("optimizers.seedz"), o.err());
        o = run("correlate", "--preset", "../conf/correlate-quick.conf", "--set", "correlate.nonsense=1");
        assertEquals(ExitCodes.BAD_CONFIG, o.code());
        assertTrue(o.err().contains("correlate.nonsense"), o.err());
        // The sweep checks the keys inside its grid itself (before Spark starts), with the same exit code.
        o = run("sweep", "--preset", "../conf/sweep-quick.conf", "--set", "sweep.grid.\"optimizer.kindd\"=[sgd]");
        assertEquals(ExitCodes.BAD_CONFIG, o.code());
        assertTrue(o.err().contains("sweep.grid") && o.err().contains("optimizer.kindd"), o.err());
        o = run("sweep", "--preset", "../conf/sweep-quick.conf", "--set", "sweep.grid.\"training.epochs\"=[2, 0]");
        assertEquals(ExitCodes.BAD_CONFIG, o.code());
        assertTrue(o.err().contains("training.epochs = 0 is out of range"), o.err());
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            assertEquals(ExitCodes.OK, Teleport4j.run("correlate", "--preset", "../conf/correlate-quick.conf", "--print-config"));
            assertEquals(ExitCodes.OK, Teleport4j.run("optimizers", "--preset", "../conf/optimizers-quick.conf", "--print-config"));
            assertEquals(ExitCodes.OK, Teleport4j.run("sweep", "--preset", "../conf/sweep-quick.conf", "--print-config"));
            assertEquals(ExitCodes.OK, Teleport4j.run("sweep", "--preset", "../conf/sweep-cifar10.conf", "--print-config"));
        } finally {
            System.setOut(oldOut);
        }
        assertTrue(out.toString().contains("correlate") && out.toString().contains("optimizers") && out.toString().contains("sweep-cifar10"),
                out.toString());
    }
}
