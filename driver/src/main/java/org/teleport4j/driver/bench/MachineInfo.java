package org.teleport4j.driver.bench;

import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the numbers were measured on: cores, CPU model and flags, JVM, ND4J backend and BLAS, thread settings. */
public record MachineInfo(int cores, String cpuModel, String cpuFlags, String jvm, String nd4jBackend, String blas,
                          String threads) {

    public static MachineInfo detect() {
        List<String> cpu = cpuinfo();
        String model = field(cpu, "model name");
        String flags = field(cpu, "flags");
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        String blas;
        try {
            blas = Nd4j.factory().blas().getBlasVendor() + " (BLAS threads " + Nd4j.factory().blas().getMaxThreads() + ")";
        } catch (Throwable t) {
            blas = "unknown";
        }
        Map<String, String> env = System.getenv();
        String threads = String.format(Locale.ROOT, "ND4J maxThreads %d, maxMasterThreads %d; OMP_NUM_THREADS=%s; org.bytedeco.openblas.nthreads=%s",
                Nd4j.getEnvironment().maxThreads(), Nd4j.getEnvironment().maxMasterThreads(), env.getOrDefault("OMP_NUM_THREADS", "unset"),
                System.getProperty("org.bytedeco.openblas.nthreads", "unset"));
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), model, flags, jvm, backend, blas, threads);
    }

    /** The SIMD-relevant flags only (the full list is long). */
    public String simdFlags() {
        StringBuilder sb = new StringBuilder();
        for (String f : cpuFlags.split("\\s+"))
            if (f.startsWith("sse") || f.startsWith("avx") || f.equals("fma") || f.startsWith("ssse") || f.startsWith("amx"))
                sb.append(sb.length() == 0 ? "" : " ").append(f);
        return sb.toString();
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (Exception e) {
            return List.of();
        }
    }

    private static String field(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    }
}
