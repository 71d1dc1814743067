package org.teleport4j.driver.correlate;

import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.experiment.TrialData;
import org.teleport4j.driver.experiment.TrialParallelRunner;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.train.SingleMachineTrainer;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.math.NetArchitecture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The paper's Table 1 (PAPER.md experiment 2): train {@code correlate.models} models that differ only in their
 * initialisation seed, measure each on training data (phi, psi, lambda_max, trace) and on the test set, and
 * correlate the measures with the test loss. One Spark task trains and measures one model and writes
 * {@code models/m<i>.csv} as soon as it is done; a re-run skips the models whose file exists ({@link TrialParallelRunner}).
 */
public final class CorrelateExperiment {
    private final TrainConfig cfg;
    private final MeasureSettings settings;
    private final int models;

    public CorrelateExperiment(TrainConfig cfg) {
        this.cfg = cfg;
        this.settings = MeasureSettings.from(cfg.raw());
        this.models = org.teleport4j.driver.config.Settings.intIn(cfg.raw(), "correlate.models", 3, 100_000);
    }

    public MeasureSettings settings() {
        return settings;
    }

    /** One model's file: its measures as a one-row CSV. */
    private static final TrialParallelRunner.ResultFile<ModelMeasures> MODEL_FILE = new TrialParallelRunner.ResultFile<>() {
        @Override
        public String write(ModelMeasures result) {
            return ModelMeasures.HEADER + "\n" + result.toCsv() + "\n";
        }

        @Override
        public ModelMeasures read(String text) {
            return readModelFile(text);
        }
    };

    /** Runs (or resumes) every model, then writes models.csv, the correlation tables and the scatter plots. */
    public List<ModelMeasures> run(JavaSparkContext sc, RunDirectory dir, Consumer<String> progress) {
        TrialData data = TrialData.read(cfg.data(), sc.hadoopConfiguration());
        // TrainConfig holds the raw Config (not serialisable): the task captures the trial settings instead.
        SingleMachineTrainer.Trial base = baseTrial();
        MeasureSettings s = settings;
        TrialParallelRunner<Integer, ModelMeasures> runner = new TrialParallelRunner<>("models", MODEL_FILE,
                (m, train, test) -> trainAndMeasure(base, s, m, train, test));
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int m = 0; m < models; m++) ids.put("m" + m, m);
        TrialParallelRunner.Plan<Integer, ModelMeasures> plan = runner.plan(dir, ids);
        progress.accept(String.format(Locale.ROOT, "correlate: %d models (%d already done), %d training examples, %d epochs each",
                models, plan.done().size(), data.train().size(), cfg.training().epochs()));
        List<ModelMeasures> done = new ArrayList<>(plan.done().values());
        done.addAll(runner.run(sc, dir, plan.todo(), data).values());
        done.sort(Comparator.comparingInt(ModelMeasures::model));
        new CorrelateReport(cfg, settings, done).write(dir);
        return done;
    }

    /** Every model's training settings, seed aside: plain training with optimizer.* and training.*, no teleports. */
    SingleMachineTrainer.Trial baseTrial() {
        return new SingleMachineTrainer.Trial(cfg.modelSpec(), cfg.optimizer().kind(), cfg.optimizer().learningRate(), cfg.run().seed(),
                cfg.training().epochs(), cfg.training().batchSize(), cfg.training().dataType(), null);
    }

    /** Trains model {@code m} (seed: the base trial's + m) and measures it. */
    static ModelMeasures trainAndMeasure(SingleMachineTrainer.Trial base, MeasureSettings s, int m, ExampleSet train, ExampleSet test) {
        long seed = base.seed() + m;
        SingleMachineTrainer.Trained t = SingleMachineTrainer.train(new SingleMachineTrainer.Trial(base.spec(), base.optimizer(),
                base.learningRate(), seed, base.epochs(), base.batchSize(), base.dataType(), null), train, test);
        EpochMetrics last = t.outcome().metrics().get(t.outcome().metrics().size() - 1);
        double trainSeconds = t.outcome().metrics().stream().mapToDouble(EpochMetrics::epochSeconds).sum();
        long t0 = System.nanoTime();
        ModelMeasurer.Measures ms = new ModelMeasurer(s, NetArchitecture.classifier(base.spec())).measure(t.network().params(), train);
        double measureSeconds = (System.nanoTime() - t0) / 1e9;
        return new ModelMeasures(m, seed, last.trainLoss(), last.testLoss(), last.testAccuracy(), ms.phi(), ms.psi(), ms.lambdaMax(),
                ms.trace(), ms.lanczosConverged(), trainSeconds, measureSeconds);
    }

    static ModelMeasures readModelFile(String text) {
        for (String line : text.split("\n"))
            if (!line.isBlank() && !line.equals(ModelMeasures.HEADER)) return ModelMeasures.parseCsv(line);
        throw new IllegalArgumentException("model file without a row: " + text);
    }
}
