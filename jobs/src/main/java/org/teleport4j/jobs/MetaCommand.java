package org.teleport4j.jobs;

import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.meta.MetaExperiment;
import picocli.CommandLine.Command;

/** `teleport4j meta`: the paper's Figure 6, learned teleportation against a learned optimiser and GD on unseen tasks. */
@Command(name = "meta", mixinStandardHelpOptions = true,
        description = "Meta-train LSTM(lr, tele), LSTM(update, tele) and LSTM(update) on random regression tasks (one Spark task each), "
                + "then compare them with GD on unseen tasks.")
public final class MetaCommand extends ExperimentCommand {
    @Override
    protected String name() {
        return "meta";
    }

    @Override
    protected String summaryFile() {
        return "summary.md";
    }

    @Override
    protected Experiment prepare(TrainConfig cfg) {
        MetaExperiment experiment = new MetaExperiment(cfg);
        return (sc, dir, progress) -> experiment.run(sc, dir, progress);
    }
}
