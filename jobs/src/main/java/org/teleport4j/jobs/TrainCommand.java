package org.teleport4j.jobs;

import com.typesafe.config.Config;
import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.spark.SparkContexts;
import org.teleport4j.driver.train.ParameterAveragingTrainer;
import org.teleport4j.driver.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `teleport4j train`: parameter-averaged training of an MLP on Spark, optionally side by side with its baseline. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an MLP with dl4j-spark parameter averaging (Spark local mode by default); resumes an interrupted run.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--compare", description = "Also train the baseline (teleport.mode=off, same seed, init and data order) and print both")
    boolean compare;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        Config config = options.load();
        TrainConfig cfg = TrainConfig.from(config);
        if (options.printConfig) {
            out.println(ConfigLoader.render(config));
            return ExitCodes.OK;
        }
        TrainConfig baseline = compare ? baselineOf(cfg) : null;
        out.printf("teleport4j train: %s on %s, %s lr %s, %d epochs, batch %d per worker, averaging every %d, master %s%n",
                cfg.modelSpec(), cfg.data().dataset().folder(), cfg.optimizer().kind().name().toLowerCase(Locale.ROOT),
                cfg.optimizer().learningRate(), cfg.training().epochs(), cfg.training().batchSize(),
                cfg.training().averagingFrequency(), SparkContexts.effectiveMaster(cfg.spark()));
        try (JavaSparkContext sc = SparkContexts.create(cfg.spark())) {
            TrainingResult base = null;
            if (baseline != null) {
                out.println("\n== baseline (no teleportation)");
                base = new ParameterAveragingTrainer(sc, baseline).progress(new ConsoleProgress(out, "")).run();
                out.println("\n== teleported: " + cfg.teleport().group().name().toLowerCase(Locale.ROOT) + " group, "
                        + cfg.teleport().objective().name().toLowerCase(Locale.ROOT) + ", state " + cfg.teleport().state().name().toLowerCase(Locale.ROOT));
            }
            TrainingResult result = new ParameterAveragingTrainer(sc, cfg).progress(new ConsoleProgress(out, "")).run();
            out.println();
            if (base != null) printComparison(base, result);
            else printSummary(result);
        }
        return ExitCodes.OK;
    }

    /** The same run without teleportation, under its own run name. */
    private TrainConfig baselineOf(TrainConfig cfg) {
        if (!cfg.teleport().active())
            throw new org.teleport4j.driver.config.BadConfigException("--compare needs teleport.mode = teleport or reset-only (it is off)");
        List<String> sets = new ArrayList<>(options.sets);
        sets.add("teleport.mode=off");
        sets.add("run.name=" + cfg.run().name() + "-baseline");
        if (!cfg.run().id().isEmpty()) sets.add("run.id=" + cfg.run().id() + "-baseline");
        return TrainConfig.from(ConfigLoader.load(options.presets, sets));
    }

    private void printSummary(TrainingResult r) {
        EpochMetrics last = r.last();
        if (r.alreadyComplete()) out.println("run " + r.runId() + " was already complete; nothing trained (delete its directory to redo it)");
        if (last != null)
            out.printf(Locale.ROOT, "summary: %d epochs, final train loss %.4f, test loss %.4f, test accuracy %.2f%%, wall time %.1f s%s%n",
                    last.epoch() + 1, last.trainLoss(), last.testLoss(), 100 * last.testAccuracy(), r.wallSeconds(),
                    r.teleportSeconds() > 0 ? String.format(Locale.ROOT, " (teleports %.1f s)", r.teleportSeconds()) : "");
        out.println("run directory: " + r.runDir());
    }

    private void printComparison(TrainingResult base, TrainingResult tele) {
        out.println("summary, paired (same seed, initialisation and data order):");
        out.printf(Locale.ROOT, "%-7s | %-10s %-10s %-8s | %-10s %-10s %-8s%n", "epoch", "base train", "base test", "base acc",
                "tele train", "tele test", "tele acc");
        for (int i = 0; i < Math.min(base.metrics().size(), tele.metrics().size()); i++) {
            EpochMetrics b = base.metrics().get(i), t = tele.metrics().get(i);
            out.printf(Locale.ROOT, "%-7d | %-10.4f %-10.4f %-8.4f | %-10.4f %-10.4f %-8.4f%n", b.epoch() + 1, b.trainLoss(), b.testLoss(),
                    b.testAccuracy(), t.trainLoss(), t.testLoss(), t.testAccuracy());
        }
        double trainSeconds = tele.metrics().stream().mapToDouble(EpochMetrics::epochSeconds).sum();
        if (!tele.alreadyComplete())
            out.printf(Locale.ROOT, "teleport overhead: %.1f s of %.1f s of training (%.1f%%)%n", tele.teleportSeconds(), trainSeconds,
                    100 * tele.teleportSeconds() / trainSeconds);
        out.println("run directories: " + base.runDir() + "  " + tele.runDir());
    }
}
