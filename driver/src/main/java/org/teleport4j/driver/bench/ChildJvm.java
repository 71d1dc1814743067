package org.teleport4j.driver.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a main class in a child JVM with this JVM's classpath and options (the launcher's heap and off-heap
 * limits, the --add-opens), so that a job's peak memory is its own. Its output goes to a log file; lines starting
 * with {@value #PREFIX} carry key=value results.
 */
public final class ChildJvm {
    public static final String PREFIX = "bench-child:";

    /** Exit code, wall seconds, the parsed key=values and every output line. */
    public record Result(int exitCode, double seconds, Map<String, String> values, List<String> lines) {
        public double number(String key) {
            String v = values.get(key);
            return v == null ? Double.NaN : Double.parseDouble(v);
        }
    }

    private ChildJvm() {
    }

    public static Result run(String mainClass, List<String> args, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (!a.startsWith("-agentlib") && !a.startsWith("-XX:StartFlightRecording") && !a.startsWith("-javaagent")) cmd.add(a);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            Map<String, String> values = new HashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                w.println("# " + String.join(" ", cmd.subList(0, 1)) + " ... " + mainClass + " " + String.join(" ", args));
                for (String l; (l = r.readLine()) != null; ) {
                    w.println(l);
                    lines.add(l);
                    if (l.startsWith(PREFIX))
                        for (String kv : l.substring(PREFIX.length()).trim().split("\\s+")) {
                            int eq = kv.indexOf('=');
                            if (eq > 0) values.put(kv.substring(0, eq), kv.substring(eq + 1));
                        }
                }
            }
            int code = p.waitFor();
            return new Result(code, (System.nanoTime() - t0) / 1e9, values, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("child JVM " + mainClass + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        }
    }
}
