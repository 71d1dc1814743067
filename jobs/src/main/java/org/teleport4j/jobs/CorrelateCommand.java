package org.teleport4j.jobs;

import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.correlate.CorrelateExperiment;
import picocli.CommandLine.Command;

/** `teleport4j correlate`: the paper's Table 1, sharpness and curvature against the test loss over many seeds, model-parallel on Spark. */
@Command(name = "correlate", mixinStandardHelpOptions = true,
        description = "Train many seeds, measure sharpness phi, curvature psi, lambda_max and the Hessian trace, correlate them with the test loss.")
public final class CorrelateCommand extends ExperimentCommand {
    @Override
    protected String name() {
        return "correlate";
    }

    @Override
    protected String summaryFile() {
        return "correlations.md";
    }

    @Override
    protected Experiment prepare(TrainConfig cfg) {
        CorrelateExperiment experiment = new CorrelateExperiment(cfg);
        return experiment::run;
    }
}
