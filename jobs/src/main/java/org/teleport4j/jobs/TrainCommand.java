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

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `teleport4j train`: parameter-averaged training of an MLP on Spark. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an MLP with dl4j-spark parameter averaging (Spark local mode by default); resumes an interrupted run.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options = new ConfigOptions();

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        Config config = options.load();
        TrainConfig cfg = TrainConfig.from(config);
        if (options.printConfig) {
            out.println(ConfigLoader.render(config));
            return ExitCodes.OK;
        }
        out.printf("teleport4j train: %s on %s, %s lr %s, %d epochs, batch %d per worker, averaging every %d, master %s%n",
                cfg.modelSpec(), cfg.data().dataset().folder(), cfg.optimizer().kind().name().toLowerCase(Locale.ROOT),
                cfg.optimizer().learningRate(), cfg.training().epochs(), cfg.training().batchSize(),
                cfg.training().averagingFrequency(), SparkContexts.effectiveMaster(cfg.spark()));
        try (JavaSparkContext sc = SparkContexts.create(cfg.spark())) {
            TrainingResult result = new ParameterAveragingTrainer(sc, cfg).progress(new ConsoleProgress(out, "")).run();
            printSummary(result);
        }
        return ExitCodes.OK;
    }

    private void printSummary(TrainingResult r) {
        EpochMetrics last = r.last();
        out.println();
        if (r.alreadyComplete()) out.println("run " + r.runId() + " was already complete; nothing trained (delete its directory to redo it)");
        if (last != null)
            out.printf(Locale.ROOT, "summary: %d epochs, final train loss %.4f, test loss %.4f, test accuracy %.2f%%, wall time %.1f s%n",
                    last.epoch() + 1, last.trainLoss(), last.testLoss(), 100 * last.testAccuracy(), r.wallSeconds());
        out.println("run directory: " + r.runDir());
    }
}
