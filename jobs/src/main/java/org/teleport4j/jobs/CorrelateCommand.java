package org.teleport4j.jobs;

import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.correlate.CorrelateExperiment;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.spark.SparkContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** `teleport4j correlate`: the paper's Table 1, sharpness and curvature against the test loss over many seeds, model-parallel on Spark. */
@Command(name = "correlate", mixinStandardHelpOptions = true,
        description = "Train many seeds, measure sharpness phi, curvature psi, lambda_max and the Hessian trace, correlate them with the test loss.")
public final class CorrelateCommand implements Callable<Integer> {
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
        CorrelateExperiment experiment = new CorrelateExperiment(cfg);
        try (JavaSparkContext sc = SparkContexts.create(cfg.spark())) {
            RunDirectory dir = new RunDirectory(cfg.runDir(), sc.hadoopConfiguration());
            if (!dir.isComplete()) {
                long t0 = System.nanoTime();
                experiment.run(sc, dir, out::println);
                dir.markComplete();
                out.printf("correlate: finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            } else {
                out.println("correlate: run " + cfg.runId() + " was already complete; showing its summary");
            }
            out.println();
            out.println(dir.readText("correlations.md"));
            out.println("run directory: " + dir.uri());
        }
        return ExitCodes.OK;
    }
}
