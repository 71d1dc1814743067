package org.teleport4j.jobs;

import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.experiment.OptimizersExperiment;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.spark.SparkContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** `teleport4j optimizers`: the paper's optimizer comparison with controls, trial-parallel on Spark. */
@Command(name = "optimizers", mixinStandardHelpOptions = true,
        description = "Every optimizer with and without teleportation, against learning-rate and reset-only controls, paired seeds.")
public final class OptimizersCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options = new ConfigOptions();

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        TrainConfig cfg = TrainConfig.from(options.load());
        if (options.printConfig) {
            out.println(org.teleport4j.driver.config.ConfigLoader.render(cfg.raw()));
            return ExitCodes.OK;
        }
        OptimizersExperiment experiment = new OptimizersExperiment(cfg);
        try (JavaSparkContext sc = SparkContexts.create(cfg.spark())) {
            RunDirectory dir = new RunDirectory(cfg.runDir(), sc.hadoopConfiguration());
            if (!dir.isComplete()) {
                long t0 = System.nanoTime();
                experiment.run(sc, dir, out::println);
                dir.markComplete();
                out.printf("optimizers: finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            } else {
                out.println("optimizers: run " + cfg.runId() + " was already complete; showing its summary");
            }
            out.println();
            out.println(dir.readText("summary.md"));
            out.println("run directory: " + dir.uri());
        }
        return ExitCodes.OK;
    }
}
