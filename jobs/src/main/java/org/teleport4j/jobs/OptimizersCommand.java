package org.teleport4j.jobs;

import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.experiment.OptimizersExperiment;
import picocli.CommandLine.Command;

/** `teleport4j optimizers`: the paper's optimizer comparison with controls, trial-parallel on Spark. */
@Command(name = "optimizers", mixinStandardHelpOptions = true,
        description = "Every optimizer with and without teleportation, against learning-rate and reset-only controls, paired seeds.")
public final class OptimizersCommand extends ExperimentCommand {
    @Override
    protected String name() {
        return "optimizers";
    }

    @Override
    protected String summaryFile() {
        return "summary.md";
    }

    @Override
    protected Experiment prepare(TrainConfig cfg) {
        OptimizersExperiment experiment = new OptimizersExperiment(cfg);
        return experiment::run;
    }
}
