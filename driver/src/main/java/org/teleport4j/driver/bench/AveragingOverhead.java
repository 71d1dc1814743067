package org.teleport4j.driver.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.spark.SparkContexts;
import org.teleport4j.driver.train.ParameterAveragingTrainer;
import org.teleport4j.driver.train.RoundHook;
import org.teleport4j.driver.train.RoundInfo;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;

/**
 * Item a: training throughput of dl4j-spark parameter averaging (driver/train/ParameterAveragingTrainer) in
 * local[k] against single-machine MultiLayerNetwork.fit on the same model, data, batch size and optimizer.
 * Throughput counts only training: from the start of an epoch's first averaging round to the end of its last
 * (context start, data loading, evaluation and checkpoints excluded), with a per-phase Spark profile of those rounds.
 */
public final class AveragingOverhead {

    /** One Spark measurement: samples/s, seconds of rounds, rounds, the profile line, the trained network. */
    public record SparkRun(double samplesPerSecond, double roundSeconds, int rounds, String profile, double countJobSeconds) {
    }

    private AveragingOverhead() {
    }

    /** Samples per second of plain MultiLayerNetwork.fit, minibatch by minibatch in order, fresh network each call. */
    public static double singleMachine(MlpSpec spec, OptimizerKind opt, double lr, long seed, ExampleSet train, int batch, int epochs,
                                       DataType dt) {
        MultiLayerNetwork net = spec.newNetwork(opt.updater(lr), seed, dt);
        return (double) train.size() * epochs / fitSeconds(net, train, batch, epochs, dt);
    }

    /** Seconds of {@code epochs} passes of net.fit over {@code train} in minibatches of {@code batch}. */
    static double fitSeconds(MultiLayerNetwork net, ExampleSet train, int batch, int epochs, DataType dt) {
        int steps = (train.size() + batch - 1) / batch;
        long t0 = System.nanoTime();
        for (int e = 0; e < epochs; e++)
            for (int i = 0; i < steps; i++) {
                DataSet mb = train.toDataSet(i * batch, Math.min(train.size(), (i + 1) * batch), dt);
                net.fit(mb);
                mb.getFeatures().close();
                mb.getLabels().close();
            }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Trains with ParameterAveragingTrainer on a fresh Spark context of {@code master}: {@code base}'s model,
     * optimizer, batch size and data, teleports off, on the first {@code examples} training examples.
     */
    public static SparkRun spark(TrainConfig base, String master, int examples, int epochs, int frequency, boolean countJob, int taskThreads,
                                 String runDir, String runId) {
        Config c = base.raw()
                .withValue("spark.master", ConfigValueFactory.fromAnyRef(master))
                .withValue("run.dir", ConfigValueFactory.fromAnyRef(runDir))
                .withValue("run.id", ConfigValueFactory.fromAnyRef(runId))
                .withValue("teleport.mode", ConfigValueFactory.fromAnyRef("off"))
                .withValue("measure.after-training", ConfigValueFactory.fromAnyRef(false))
                .withValue("training.epochs", ConfigValueFactory.fromAnyRef(epochs))
                .withValue("training.workers", ConfigValueFactory.fromAnyRef(0))
                .withValue("training.train-loss", ConfigValueFactory.fromAnyRef("running"))
                .withValue("training.averaging-frequency", ConfigValueFactory.fromAnyRef(frequency))
                .withValue("data.train-limit", ConfigValueFactory.fromAnyRef(examples))
                .withValue("data.test-limit", ConfigValueFactory.fromAnyRef(100));
        TrainConfig cfg = TrainConfig.from(c);
        RoundTimer timer = new RoundTimer();
        SparkPhaseProfile profile = new SparkPhaseProfile();
        try (JavaSparkContext sc = SparkContexts.create(cfg.spark())) {
            sc.sc().addSparkListener(profile);
            new ParameterAveragingTrainer(sc, cfg).countJob(countJob).taskThreads(taskThreads).addHook(timer).run();
            drain(sc);
        }
        double seconds = timer.seconds();
        return new SparkRun((double) examples * epochs / seconds, seconds, timer.rounds, profile.describe(seconds, timer.windows),
                profile.countSeconds(timer.windows));
    }

    static void drain(JavaSparkContext sc) {
        try {
            sc.sc().listenerBus().waitUntilEmpty();
        } catch (Throwable t) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Times each averaging round (dl4j-spark's fit: its jobs, broadcast and averaging) and keeps the windows. */
    static final class RoundTimer implements RoundHook {
        final java.util.List<long[]> windows = new java.util.ArrayList<>();
        private long t0, ms0;
        private long nanos;
        int rounds;

        @Override
        public void beforeRound(RoundInfo info, MultiLayerNetwork averaged) {
            ms0 = System.currentTimeMillis();
            t0 = System.nanoTime();
        }

        @Override
        public void afterRound(RoundInfo info, MultiLayerNetwork averaged) {
            nanos += System.nanoTime() - t0;
            windows.add(new long[]{ms0, System.currentTimeMillis()});
            rounds++;
        }

        double seconds() {
            return nanos / 1e9;
        }
    }
}
