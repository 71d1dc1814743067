package org.teleport4j.driver.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ND4J's and OpenBLAS's thread counts for tasks that share one JVM (Spark local[k]). Both are process-wide and
 * default to the core count, so k concurrent tasks each start that many OpenMP/BLAS threads: on 2 cores,
 * local[2] training ran 3-5x slower than with one thread per task (BENCHMARKS.md, issue 7). {@link #perTask}
 * gives cores / k for a local master with k &gt; 1; executors in their own JVMs are not affected by the driver's settings.
 * In ND4J 1.0.0-M2 {@code Environment.setMaxThreads} has no effect (checked: it stays at the core count); what takes
 * effect is {@code setMaxMasterThreads} (ND4J's own parallel loops) and OpenBLAS's thread count.
 */
public final class LocalThreads {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");

    /** The three settings: ND4J max threads, ND4J master threads, OpenBLAS threads. */
    public record Setting(int maxThreads, int masterThreads, int blasThreads) {
    }

    private LocalThreads() {
    }

    /** Concurrent tasks of a local master (local: 1, local[k]: k, local[*]: cores); 0 for any other master. */
    public static int localTasks(String master, int cores) {
        Matcher m = LOCAL.matcher(master.trim());
        if (!m.matches()) return 0;
        if (m.group(1) == null) return 1;
        return m.group(1).equals("*") ? cores : Integer.parseInt(m.group(1));
    }

    /** Threads per task for a local master running several tasks at once: max(1, cores / tasks); 0 (leave ND4J's) otherwise. */
    public static int perTask(String master, int cores) {
        int k = localTasks(master, cores);
        return k > 1 ? Math.max(1, cores / k) : 0;
    }

    /** Threads per task for this context's master ({@link #perTask(String, int)} with this machine's cores). */
    public static int perTask(JavaSparkContext sc) {
        return perTask(sc.master(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code job} (a Spark job whose tasks share this JVM) with n threads each for ND4J and OpenBLAS, then restores
     * the driver's own settings; n &lt;= 0 runs it with the settings as they are.
     */
    public static <T> T with(int n, Supplier<T> job) {
        if (n <= 0) return job.get();
        Setting driver = set(n);
        try {
            return job.get();
        } finally {
            apply(driver);
        }
    }

    public static Setting current() {
        return new Setting(Nd4j.getEnvironment().maxThreads(), Nd4j.getEnvironment().maxMasterThreads(), Nd4j.factory().blas().getMaxThreads());
    }

    /** Sets all three to n (n &gt; 0) and returns what was there before. */
    public static Setting set(int n) {
        Setting before = current();
        if (n > 0) apply(new Setting(n, n, n));
        return before;
    }

    public static void apply(Setting s) {
        Nd4j.getEnvironment().setMaxThreads(s.maxThreads());
        Nd4j.getEnvironment().setMaxMasterThreads(s.masterThreads());
        Nd4j.factory().blas().setMaxThreads(s.blasThreads());
    }
}
