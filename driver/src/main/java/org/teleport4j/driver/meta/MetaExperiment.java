package org.teleport4j.driver.meta;

import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.ops.meta.LstmMetaOptimizer;
import org.teleport4j.ops.meta.MetaKind;
import org.teleport4j.ops.meta.MetaOptimizerFile;
import org.teleport4j.ops.meta.MetaTrainer;
import org.teleport4j.ops.meta.MetaTrainingSettings;
import org.teleport4j.ops.meta.RegressionTask;
import org.teleport4j.ops.meta.Trajectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The paper's Figure 6 (PAPER.md item 4): meta-train LSTM(lr, tele), LSTM(update, tele) and LSTM(update), then run
 * them, and gradient descent, on unseen regression tasks.
 *
 * <p>Meta-training runs as Spark tasks, one per meta-optimiser: the three are independent, so on a cluster they
 * train at once, and each task writes its trained optimiser ({@code optimizers/<kind>.meta}) and its training
 * curve as soon as it is done; a re-run trains only the missing ones. Evaluation runs on the driver, one method
 * after another, because its wall-clock times are compared: they must come from one machine without competing
 * work.
 */
public final class MetaExperiment {
    /** The methods evaluated, in table order: gradient descent, then the three learned optimisers. */
    static final String GD = "GD";

    private final TrainConfig cfg;
    private final MetaSettings settings;

    public MetaExperiment(TrainConfig cfg) {
        this.cfg = cfg;
        this.settings = MetaSettings.from(cfg.raw());
    }

    public MetaSettings settings() {
        return settings;
    }

    static String optimizerFile(MetaKind k) {
        return "optimizers/" + k.id() + ".meta";
    }

    static String curveFile(MetaKind k) {
        return "training/" + k.id() + ".csv";
    }

    /** What one training task sends back besides its files. */
    record Trained(MetaKind kind, double seconds, int divergedWindows, int skippedWindows) implements Serializable {
    }

    /** The evaluation of one method: per test trajectory, the loss and seconds at each step. */
    record Evaluation(String method, List<Trajectory> runs) {
    }

    public Map<String, Evaluation> run(JavaSparkContext sc, RunDirectory dir, Consumer<String> progress) {
        List<MetaTrainingSettings> todo = new ArrayList<>();
        for (MetaTrainingSettings s : settings.optimizers().values()) if (!dir.exists(optimizerFile(s.kind()))) todo.add(s);
        progress.accept(String.format(Locale.ROOT, "meta: training %d meta-optimiser(s) as Spark tasks (%d already trained): %s",
                todo.size(), settings.optimizers().size() - todo.size(), todo.stream().map(s -> s.kind().label() + " " + s.trajectories()
                        + " x " + s.steps() + " steps, hidden " + s.hidden()).toList()));
        if (!todo.isEmpty()) {
            String runUri = dir.uri();
            List<Trained> trained = sc.parallelize(todo, todo.size()).map(s -> trainAndSave(s, runUri)).collect();
            for (Trained t : trained)
                progress.accept(String.format(Locale.ROOT, "meta: %s trained in %.1f s (%d windows diverged and were rolled back, %d skipped)",
                        t.kind().label(), t.seconds(), t.divergedWindows(), t.skippedWindows()));
        }
        Map<MetaKind, LstmMetaOptimizer> opts = new LinkedHashMap<>();
        for (MetaKind k : settings.optimizers().keySet()) opts.put(k, load(dir, k));

        progress.accept(String.format(Locale.ROOT, "meta: evaluating on %d unseen trajectories (seeds %d..%d), %d steps",
                settings.testTrajectories(), settings.testSeed(), settings.testSeed() + settings.testTrajectories() - 1, settings.testSteps()));
        Map<String, Evaluation> evals = evaluate(opts);
        new MetaReport(settings, evals, readCurves(dir)).write(dir);
        return evals;
    }

    /** One Spark task: trains one meta-optimiser and writes its file and training curve into the run directory. */
    static Trained trainAndSave(MetaTrainingSettings s, String runUri) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MetaExperiment.class);
        MetaTrainer.Result r = MetaTrainer.train(s, log::info);
        RunDirectory dir = new RunDirectory(runUri, new org.apache.hadoop.conf.Configuration());
        StringBuilder csv = new StringBuilder("optimizer,trajectory,mean_loss\n");
        for (int i = 0; i < r.trajectoryMetaLoss().length; i++)
            csv.append(String.format(Locale.ROOT, "%s,%d,%.10g%n", s.kind().id(), i, r.trajectoryMetaLoss()[i]));
        dir.writeText(curveFile(s.kind()), csv.toString());
        // The optimiser last: its presence marks the task done for a re-run.
        byte[] file = MetaOptimizerFile.toBytes(r.optimizer());
        dir.write(optimizerFile(s.kind()), out -> out.write(file));
        return new Trained(s.kind(), r.seconds(), r.divergedWindows(), r.skippedWindows());
    }

    private LstmMetaOptimizer load(RunDirectory dir, MetaKind k) {
        try (InputStream in = dir.open(optimizerFile(k))) {
            return MetaOptimizerFile.read(in, dir.path(optimizerFile(k)).toString(), k, settings.n());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<MetaKind, String> readCurves(RunDirectory dir) {
        Map<MetaKind, String> out = new LinkedHashMap<>();
        for (MetaKind k : settings.optimizers().keySet()) if (dir.exists(curveFile(k))) out.put(k, dir.readText(curveFile(k)));
        return out;
    }

    /** GD and every learned optimiser on the same unseen tasks; the learned one without teleportation is LSTM(update). */
    Map<String, Evaluation> evaluate(Map<MetaKind, LstmMetaOptimizer> opts) {
        Map<String, List<Trajectory>> runs = new LinkedHashMap<>();
        runs.put(GD, new ArrayList<>());
        for (MetaKind k : opts.keySet()) runs.put(k.label(), new ArrayList<>());
        // Warm-up (JIT, ND4J kernels) on a task outside the test set, so that the first method is not charged for it.
        RegressionTask warm = RegressionTask.draw(settings.n(), settings.testSeed() - 1);
        Trajectory.gradientDescent(warm, settings.gdLearningRate(), 5);
        for (LstmMetaOptimizer o : opts.values()) Trajectory.learned(o, warm, 5);
        for (int j = 0; j < settings.testTrajectories(); j++) {
            RegressionTask task = RegressionTask.draw(settings.n(), settings.testSeed() + j);
            runs.get(GD).add(Trajectory.gradientDescent(task, settings.gdLearningRate(), settings.testSteps()));
            for (Map.Entry<MetaKind, LstmMetaOptimizer> e : opts.entrySet())
                runs.get(e.getKey().label()).add(Trajectory.learned(e.getValue(), task, settings.testSteps()));
        }
        Map<String, Evaluation> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Trajectory>> e : runs.entrySet()) out.put(e.getKey(), new Evaluation(e.getKey(), e.getValue()));
        return out;
    }
}
