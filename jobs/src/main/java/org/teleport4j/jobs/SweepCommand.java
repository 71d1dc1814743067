package org.teleport4j.jobs;

import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.sweep.SweepExperiment;
import org.teleport4j.driver.sweep.SweepReport;
import picocli.CommandLine.Command;

/** `teleport4j sweep`: a grid of training runs from sweep.grid, trial-parallel or data-parallel on Spark, one results table. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train every combination of sweep.grid (trial-parallel or data-parallel); write results.parquet/.csv, "
                + "a summary per arm (mean ± std over seeds), plots and report.html; finished trials are skipped on re-run.")
public final class SweepCommand extends ExperimentCommand {
    @Override
    protected String name() {
        return "sweep";
    }

    @Override
    protected String summaryFile() {
        return SweepReport.SUMMARY_MD;
    }

    @Override
    protected Experiment prepare(TrainConfig cfg) {
        SweepExperiment experiment = new SweepExperiment(cfg);
        return experiment::run;
    }
}
