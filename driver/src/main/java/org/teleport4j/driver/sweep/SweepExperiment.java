package org.teleport4j.driver.sweep;

import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.experiment.TrialData;
import org.teleport4j.driver.experiment.TrialParallelRunner;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.teleport.TeleportLog;
import org.teleport4j.driver.train.ParameterAveragingTrainer;
import org.teleport4j.driver.train.SingleMachineTrainer;
import org.teleport4j.driver.train.TrainingResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code sweep} job: train every point of {@code sweep.grid} (trial-parallel or data-parallel), then write one
 * results table (Parquet and CSV: a row per trial and epoch) and a summary report per arm. Each trial's rows are
 * kept as {@code trials/<id>.csv} as soon as it finishes, and trials with that file are not trained again; in
 * data-parallel mode {@code trials/<id>/} is also the trial's own run directory (checkpoints, metrics), so an
 * interrupted trial resumes from its last checkpoint.
 */
public final class SweepExperiment {
    static final String TRIALS = "trials";

    private static final TrialParallelRunner<SingleMachineTrainer.Trial, TrialEpochs> RUNNER = new TrialParallelRunner<>(TRIALS,
            TrialEpochs.FILE, (trial, train, test) -> TrialEpochs.of(SingleMachineTrainer.run(trial, train, test)));

    private final TrainConfig cfg;
    private final SweepSettings settings;
    private final List<SweepTrial> trials;

    /** Parses the grid and every trial's configuration: a bad value anywhere in the grid fails here, before any training. */
    public SweepExperiment(TrainConfig cfg) {
        this.cfg = cfg;
        this.settings = SweepSettings.from(cfg.raw());
        this.trials = SweepTrial.all(cfg.raw(), settings.grid(), cfg.runDir() + "/" + TRIALS);
        if (settings.mode() == SweepSettings.Mode.TRIAL_PARALLEL)
            for (SweepTrial t : trials)
                if (t.config().data().shuffle())
                    throw new BadConfigException("sweep trial " + t.id() + ": data.shuffle = true is not supported with sweep.mode = "
                            + "trial-parallel (one machine trains in the stored order); use data-parallel or data.shuffle = false");
    }

    public SweepSettings settings() {
        return settings;
    }

    public List<SweepTrial> trials() {
        return trials;
    }

    /** Runs (or resumes) every trial, then writes results.parquet, results.csv, summary.md, summary.csv, plots/ and report.html. */
    public List<SweepResult> run(JavaSparkContext sc, RunDirectory dir, Consumer<String> progress) {
        recordTrialConfigs(dir);
        Map<String, SingleMachineTrainer.Trial> byId = new LinkedHashMap<>();
        for (SweepTrial t : trials) byId.put(t.id(), t.singleMachine());
        TrialParallelRunner.Plan<SingleMachineTrainer.Trial, TrialEpochs> plan = RUNNER.plan(dir, byId);
        progress.accept(String.format(Locale.ROOT, "sweep: %d trials (%d already done), %s, grid %s",
                plan.total(), plan.done().size(), settings.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'), settings.grid().keys()));
        Map<String, TrialEpochs> done = new LinkedHashMap<>(plan.done());
        if (settings.mode() == SweepSettings.Mode.TRIAL_PARALLEL) done.putAll(trialParallel(sc, dir, plan.todo()));
        else done.putAll(dataParallel(sc, dir, plan.todo(), progress));

        List<SweepResult> results = new ArrayList<>();
        for (SweepTrial t : trials) results.add(new SweepResult(t, done.get(t.id())));
        SweepTable table = new SweepTable(settings.grid(), results);
        table.write(sc, dir);
        new SweepReport(cfg, settings, results).write(dir);
        return results;
    }

    /**
     * Keeps each trial's settings as trials/<id>.conf and refuses to reuse a finished trial whose settings differ
     * (possible under an explicit run.id, since ids name only the varying values). Where the data and runs live,
     * the Spark settings and the rest of the grid may change: adding seeds to a finished sweep reuses its trials.
     */
    private void recordTrialConfigs(RunDirectory dir) {
        for (SweepTrial t : trials) {
            String file = TRIALS + "/" + t.id() + ".conf";
            String text = ConfigLoader.render(t.config().raw().withoutPath("sweep").withoutPath("spark").withoutPath("run.dir")
                    .withoutPath("data.dir"));
            if (!dir.exists(file)) dir.writeText(file, text);
            else if (!dir.readText(file).equals(text))
                throw new BadConfigException("sweep trial " + t.id() + " in " + dir.uri() + " was run with other settings (see its "
                        + file + "); choose another run.id, or delete that trial's files to redo it");
        }
    }

    /** One Spark job per distinct data setting (the grid may vary the dataset), one task per trial. */
    private Map<String, TrialEpochs> trialParallel(JavaSparkContext sc, RunDirectory dir, Map<String, SingleMachineTrainer.Trial> todo) {
        Map<TrainConfig.Data, Map<String, SingleMachineTrainer.Trial>> byData = new LinkedHashMap<>();
        for (SweepTrial t : trials)
            if (todo.containsKey(t.id())) byData.computeIfAbsent(t.config().data(), d -> new LinkedHashMap<>()).put(t.id(), todo.get(t.id()));
        Map<String, TrialEpochs> out = new LinkedHashMap<>();
        byData.forEach((data, group) -> out.putAll(RUNNER.run(sc, dir, group, TrialData.read(data, sc.hadoopConfiguration()))));
        return out;
    }

    /** Each trial in turn, across the cluster, in its own run directory trials/<id>/ (resumable), then its rows file. */
    private Map<String, TrialEpochs> dataParallel(JavaSparkContext sc, RunDirectory dir, Map<String, SingleMachineTrainer.Trial> todo,
                                                  Consumer<String> progress) {
        Map<String, TrialEpochs> out = new LinkedHashMap<>();
        int i = 0;
        for (SweepTrial t : trials) {
            if (!todo.containsKey(t.id())) continue;
            TrainingResult r = new ParameterAveragingTrainer(sc, t.config()).run();
            TrialEpochs epochs = TrialEpochs.of(r.metrics(), teleports(new RunDirectory(r.runDir(), sc.hadoopConfiguration())));
            dir.writeText(RUNNER.file(t.id()), TrialEpochs.FILE.write(epochs));
            out.put(t.id(), epochs);
            progress.accept(String.format(Locale.ROOT, "sweep: trial %d/%d %s: test loss %.4f, test accuracy %.2f%%", ++i, todo.size(),
                    t.id(), epochs.last().testLoss(), 100 * epochs.last().testAccuracy()));
        }
        return out;
    }

    /** The epoch and seconds of every row of a run's teleports.csv. */
    static List<TrialEpochs.Teleport> teleports(RunDirectory runDir) {
        List<TrialEpochs.Teleport> out = new ArrayList<>();
        if (!runDir.exists(TeleportLog.FILE)) return out;
        for (String line : runDir.readText(TeleportLog.FILE).split("\n")) {
            if (line.isBlank() || line.equals(TeleportLog.HEADER)) continue;
            String[] f = line.split(",");
            out.add(new TrialEpochs.Teleport(Integer.parseInt(f[0]), Double.parseDouble(f[f.length - 1])));
        }
        return out;
    }
}
