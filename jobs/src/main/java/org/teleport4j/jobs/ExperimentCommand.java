package org.teleport4j.jobs;

import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.spark.SparkContexts;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * What every experiment job shares: parse the configuration, run the experiment into its run directory unless
 * that run is already complete (then only show its summary), mark it complete, print the summary.
 */
abstract class ExperimentCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options = new ConfigOptions();

    protected final PrintStream out = System.out;

    /** The job's name, as it prefixes its progress lines. */
    protected abstract String name();

    /** The Markdown file in the run directory that summarises the result. */
    protected abstract String summaryFile();

    /** An experiment ready to run (or resume), writing its outputs to a run directory. */
    @FunctionalInterface
    protected interface Experiment {
        void run(JavaSparkContext sc, RunDirectory dir, Consumer<String> progress);
    }

    /** Builds the experiment from the configuration: its settings are validated here, before Spark starts. */
    protected abstract Experiment prepare(TrainConfig cfg);

    @Override
    public Integer call() {
        TrainConfig cfg = TrainConfig.from(options.load());
        if (options.printConfig) {
            out.println(ConfigLoader.render(cfg.raw()));
            return ExitCodes.OK;
        }
        Experiment experiment = prepare(cfg);
        try (JavaSparkContext sc = SparkContexts.create(cfg.spark())) {
            RunDirectory dir = new RunDirectory(cfg.runDir(), sc.hadoopConfiguration());
            if (!dir.isComplete()) {
                long t0 = System.nanoTime();
                experiment.run(sc, dir, out::println);
                dir.markComplete();
                out.printf("%s: finished in %.1f s%n", name(), (System.nanoTime() - t0) / 1e9);
            } else {
                out.println(name() + ": run " + cfg.runId() + " was already complete; showing its summary");
            }
            out.println();
            out.println(dir.readText(summaryFile()));
            out.println("run directory: " + dir.uri());
        }
        return ExitCodes.OK;
    }
}
