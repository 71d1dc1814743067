package org.teleport4j.jobs;

import org.teleport4j.driver.bench.BenchReport;
import org.teleport4j.driver.bench.BenchRun;
import org.teleport4j.driver.bench.BenchSettings;
import org.teleport4j.driver.bench.MachineInfo;
import org.teleport4j.driver.bench.Timing;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `teleport4j bench`: issue 7's performance ratios, written as bench.md (BENCHMARKS.md-ready) and bench.csv. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Spark and teleport overheads, compute efficiency, curvature cost, sweep throughput and memory (bench.* keys).")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options = new ConfigOptions();

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        TrainConfig cfg = TrainConfig.from(options.load());
        BenchSettings settings = BenchSettings.from(cfg.raw());
        if (options.printConfig) {
            out.println(ConfigLoader.render(cfg.raw()));
            return ExitCodes.OK;
        }
        String runName = cfg.run().id().isEmpty() ? "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) : cfg.run().id();
        Path dir = Path.of(cfg.run().dir()).resolve(runName).toAbsolutePath();
        String command = command();
        MachineInfo machine = MachineInfo.detect();
        double load0 = Timing.load();
        out.println("teleport4j bench: " + settings.parts() + " into " + dir + "; load average " + load0);
        long t0 = System.nanoTime();
        BenchReport report = new BenchRun(cfg, settings, dir, out::println)
                .onPartDone(r -> write(dir, r, r.toMarkdown(command + "  (cut short: partial)", machine, load0, Timing.load(), (System.nanoTime() - t0) / 1e9)))
                .run();
        double wall = (System.nanoTime() - t0) / 1e9;
        String md = report.toMarkdown(command, machine, load0, Timing.load(), wall);
        write(dir, report, md);
        out.println();
        out.println(md);
        out.println("run directory: " + dir);
        return ExitCodes.OK;
    }

    private static void write(Path dir, BenchReport report, String md) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(BenchRun.MARKDOWN), md);
            Files.writeString(dir.resolve(BenchRun.CSV), report.toCsv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String command() {
        List<String> parts = new ArrayList<>(List.of("deploy/teleport4j", "bench"));
        for (File p : options.presets) parts.add("--preset " + p);
        for (String s : options.sets) parts.add("--set " + s);
        return String.join(" ", parts);
    }
}
