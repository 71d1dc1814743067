package org.teleport4j.driver.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Interleaved timing: every repetition runs each call once, in order, so that background load hits all alike. */
public final class Timing {
    private Timing() {
    }

    /** Seconds of each call, [call][repetition], after {@code warmup} untimed rounds. */
    public static double[][] interleaved(List<? extends Supplier<?>> calls, int warmup, int reps) {
        for (int i = 0; i < warmup; i++) calls.forEach(Supplier::get);
        double[][] s = new double[calls.size()][reps];
        for (int r = 0; r < reps; r++)
            for (int c = 0; c < calls.size(); c++) {
                long t0 = System.nanoTime();
                calls.get(c).get();
                s[c][r] = (System.nanoTime() - t0) / 1e9;
            }
        return s;
    }

    public static double median(double[] xs) {
        double[] c = xs.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    public static double[] medians(double[][] s) {
        double[] m = new double[s.length];
        for (int i = 0; i < s.length; i++) m[i] = median(s[i]);
        return m;
    }

    /** The 1-minute load average (from /proc/loadavg), NaN when unreadable. */
    public static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
