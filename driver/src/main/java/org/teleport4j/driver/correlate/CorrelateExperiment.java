package org.teleport4j.driver.correlate;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.train.SingleMachineTrainer;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.math.NetArchitecture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The paper's Table 1 (PAPER.md experiment 2): train {@code correlate.models} models that differ only in their
 * initialisation seed, measure each on training data (phi, psi, lambda_max, trace) and on the test set, and
 * correlate the measures with the test loss. One Spark task trains and measures one model and writes
 * {@code models/m<i>.csv} as soon as it is done; a re-run skips the models whose file exists.
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

    static String modelFile(int model) {
        return "models/m" + model + ".csv";
    }

    /** Runs (or resumes) every model, then writes models.csv, the correlation tables and the scatter plots. */
    public List<ModelMeasures> run(JavaSparkContext sc, RunDirectory dir, Consumer<String> progress) {
        DatasetId dataset = cfg.data().dataset();
        ExampleSet train = dataset.readTrain(cfg.data().dir(), sc.hadoopConfiguration()).head(cfg.data().trainLimit());
        ExampleSet test = dataset.readTest(cfg.data().dir(), sc.hadoopConfiguration()).head(cfg.data().testLimit());
        // Sub-lists are not serialisable: give Spark plain lists.
        train = new ExampleSet(new ArrayList<>(train.records()), train.inputs(), train.classes());
        test = new ExampleSet(new ArrayList<>(test.records()), test.inputs(), test.classes());

        List<ModelMeasures> done = new ArrayList<>();
        List<Integer> todo = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            if (dir.exists(modelFile(m))) done.add(readModelFile(dir.readText(modelFile(m))));
            else todo.add(m);
        }
        progress.accept(String.format(Locale.ROOT, "correlate: %d models (%d already done), %d training examples, %d epochs each",
                models, done.size(), train.size(), cfg.training().epochs()));
        if (!todo.isEmpty()) {
            Broadcast<ExampleSet> trainB = sc.broadcast(train), testB = sc.broadcast(test);
            String runUri = dir.uri();
            // TrainConfig holds the raw Config (not serialisable): ship the trial settings instead.
            SingleMachineTrainer.Trial base = baseTrial();
            MeasureSettings s = settings;
            int total = todo.size();
            done.addAll(sc.parallelize(todo, todo.size()).map(m -> {
                ModelMeasures r = trainAndMeasure(base, s, m, trainB.value(), testB.value());
                new RunDirectory(runUri, new org.apache.hadoop.conf.Configuration()).writeText(modelFile(m), ModelMeasures.HEADER + "\n" + r.toCsv() + "\n");
                org.slf4j.LoggerFactory.getLogger(CorrelateExperiment.class).info("model {} done (of {} to run)", m, total);
                return r;
            }).collect());
        }
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
