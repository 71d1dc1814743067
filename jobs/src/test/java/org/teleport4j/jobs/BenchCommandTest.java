package org.teleport4j.jobs;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench job's command line: registered, configuration checked before any work. */
class BenchCommandTest {
    private static String[] run(String... args) {
        PrintStream oldErr = System.err, oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream(), out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        System.setOut(new PrintStream(out, true));
        try {
            return new String[]{String.valueOf(Teleport4j.run(args)), err.toString(), out.toString()};
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @Test
    void unknownPartAndUnknownKeyAreBadConfig() {
        String[] o = run("bench", "--set", "bench.parts=[averaging, nonsense]");
        assertEquals(String.valueOf(ExitCodes.BAD_CONFIG), o[0]);
        assertTrue(o[1].contains("bench.parts"), o[1]);
        o = run("bench", "--set", "bench.sweep.trails=3");
        assertEquals(String.valueOf(ExitCodes.BAD_CONFIG), o[0]);
        assertTrue(o[1].contains("bench.sweep.trails"), o[1]);
    }

    @Test
    void quickPresetResolves() {
        String[] o = run("bench", "--preset", "../conf/quickstart.conf", "--preset", "../conf/bench-quick.conf", "--print-config");
        assertEquals(String.valueOf(ExitCodes.OK), o[0], o[1]);
        assertTrue(o[2].contains("bench") && o[2].contains("frequencies"), o[2]);
    }
}
