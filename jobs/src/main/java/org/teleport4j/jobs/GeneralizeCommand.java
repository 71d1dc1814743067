package org.teleport4j.jobs;

import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.experiment.GeneralizeExperiment;
import picocli.CommandLine.Command;

/** `teleport4j generalize`: the paper's Figure 4, teleporting to lower/raise sharpness and curvature, against controls. */
@Command(name = "generalize", mixinStandardHelpOptions = true,
        description = "Continue checkpointed SGD runs with teleports that lower/raise sharpness phi or curvature psi, against the "
                + "plain run and a random teleport of the same size; compare the test loss.")
public final class GeneralizeCommand extends ExperimentCommand {
    @Override
    protected String name() {
        return "generalize";
    }

    @Override
    protected String summaryFile() {
        return "summary.md";
    }

    @Override
    protected Experiment prepare(TrainConfig cfg) {
        GeneralizeExperiment experiment = new GeneralizeExperiment(cfg);
        return experiment::run;
    }
}
