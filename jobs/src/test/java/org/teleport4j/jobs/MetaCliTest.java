package org.teleport4j.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** `teleport4j meta` on the command line: configuration errors name the key; a tiny run completes, then is skipped. */
class MetaCliTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            return new Outcome(Teleport4j.run(args), out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void badMetaSettingsAreBadConfig() {
        Outcome o = run("meta", "--preset", "../conf/meta-quick.conf", "--set", "meta.nonsense=1");
        assertEquals(ExitCodes.BAD_CONFIG, o.code());
        assertTrue(o.err().contains("meta.nonsense"), o.err());
        o = run("meta", "--preset", "../conf/meta-quick.conf", "--set", "meta.lr-tele.trajectories=0");
        assertEquals(ExitCodes.BAD_CONFIG, o.code());
        assertTrue(o.err().contains("meta.lr-tele.trajectories = 0"), o.err());
        o = run("meta", "--preset", "../conf/meta-paper.conf", "--print-config");
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertTrue(o.out().contains("trajectories") && o.out().contains("700"), o.out());
    }

    @Test
    void tinyRunCompletesThenIsSkipped() {
        String[] args = {"meta", "--preset", "../conf/meta-quick.conf", "--set", "run.dir=" + tmp.resolve("runs"),
                "--set", "spark.master=local[2]", "--set", "meta.n=3", "--set", "meta.window=3",
                "--set", "meta.lr-tele.hidden=4", "--set", "meta.lr-tele.trajectories=2", "--set", "meta.lr-tele.steps=6",
                "--set", "meta.update-tele.hidden=4", "--set", "meta.update-tele.trajectories=2", "--set", "meta.update-tele.steps=6",
                "--set", "meta.update.hidden=4", "--set", "meta.update.trajectories=2", "--set", "meta.update.steps=6",
                "--set", "meta.test.trajectories=2", "--set", "meta.test.steps=6", "--set", "meta.test.plot-steps=4",
                "--set", "meta.test.report-steps=[3,6]"};
        Outcome o = run(args);
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertTrue(o.out().contains("# Learning to teleport") && o.out().contains("Does learned teleportation help?"), o.out());
        o = run(args);
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertTrue(o.out().contains("was already complete"), o.out());
    }
}
