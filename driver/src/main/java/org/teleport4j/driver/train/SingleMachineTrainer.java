package org.teleport4j.driver.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.teleport.NetworkTeleport;
import org.teleport4j.driver.teleport.TeleportLog;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.eval.LossAccuracySums;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains one model on one machine with MultiLayerNetwork.fit, minibatch by minibatch in the stored order,
 * teleporting (or resetting state, for the control) before the scheduled steps. A "round" of the teleport
 * schedule is one minibatch step here: exactly Spark training with one worker averaging after every step.
 * Used for trial-parallel experiments, where one Spark task trains one small model.
 */
public final class SingleMachineTrainer {
    private static final int EVAL_CHUNK = 1000;

    private SingleMachineTrainer() {
    }

    /** One trial's settings. {@code teleport} is null for a run without teleports or resets. */
    public record Trial(MlpSpec spec, OptimizerKind optimizer, double learningRate, long seed, int epochs, int batchSize,
                        DataType dataType, NetworkTeleport teleport) implements Serializable {
    }

    /**
     * @param metrics        per epoch; epochSeconds counts training and teleports, not evaluation
     * @param teleports      the teleport log
     * @param teleportSeconds time spent teleporting
     */
    public record Outcome(List<EpochMetrics> metrics, List<TeleportLog.Entry> teleports, double teleportSeconds) implements Serializable {
    }

    public static Outcome run(Trial trial, ExampleSet train, ExampleSet test) {
        return train(trial, train, test).outcome();
    }

    /** The outcome and the trained network, for experiments that go on to measure the model. */
    public record Trained(Outcome outcome, MultiLayerNetwork network) {
    }

    public static Trained train(Trial trial, ExampleSet train, ExampleSet test) {
        MultiLayerNetwork net = trial.spec().newNetwork(trial.optimizer().updater(trial.learningRate()), trial.seed(), trial.dataType());
        return resume(trial, net, 0, train, test);
    }

    /**
     * Continues {@code net}, already trained for {@code firstEpoch} epochs of this trial (a checkpoint: weights and
     * optimizer state), up to {@code trial.epochs()} epochs in all; the rows and the teleport log cover the new epochs.
     */
    public static Trained resume(Trial trial, MultiLayerNetwork net, int firstEpoch, ExampleSet train, ExampleSet test) {
        int steps = (train.size() + trial.batchSize() - 1) / trial.batchSize();
        List<EpochMetrics> metrics = new ArrayList<>();
        List<TeleportLog.Entry> log = new ArrayList<>();
        double teleportSeconds = 0;
        long step = (long) firstEpoch * steps;
        for (int epoch = firstEpoch; epoch < trial.epochs(); epoch++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step++;
                NetworkTeleport tp = trial.teleport();
                if (tp != null && tp.config().schedule().teleportsBefore(epoch, i)) {
                    long drawSeed = trial.seed() * 0x9E3779B97F4A7C15L + step;
                    TeleportLog.Entry e = tp.apply(net, () -> sample(train, tp.config().sampleSize(), drawSeed), drawSeed, epoch, i, step);
                    log.add(e);
                    teleportSeconds += e.seconds();
                }
                // Built per step and released at once: many trials share one JVM, and ND4J's off-heap memory is
                // otherwise freed only when the garbage collector happens to run.
                DataSet mb = train.toDataSet(i * trial.batchSize(), Math.min(train.size(), (i + 1) * trial.batchSize()), trial.dataType());
                net.fit(mb);
                release(mb);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            LossAccuracySums trainSums = evaluate(net, train, trial.dataType()), testSums = evaluate(net, test, trial.dataType());
            metrics.add(new EpochMetrics(epoch, trainSums.meanLoss(), testSums.meanLoss(), testSums.accuracy(), seconds,
                    train.size(), steps));
        }
        return new Trained(new Outcome(metrics, log, teleportSeconds), net);
    }

    /** A fresh random teleport batch (without replacement), seeded. */
    static LocalSample sample(ExampleSet train, int size, long seed) {
        int n = Math.min(size, train.size());
        Random rnd = new Random(seed);
        int[] idx = rnd.ints(0, train.size()).distinct().limit(n).sorted().toArray();
        List<byte[]> records = new ArrayList<>(n);
        for (int i : idx) records.add(train.records().get(i));
        return new LocalSample(Batch.of(ExampleSet.toDataSet(records, train.inputs(), train.classes(), DataType.DOUBLE)));
    }

    static LossAccuracySums evaluate(MultiLayerNetwork net, ExampleSet data, DataType dataType) {
        LossAccuracySums sums = LossAccuracySums.ZERO;
        for (int from = 0; from < data.size(); from += EVAL_CHUNK) {
            DataSet chunk = data.toDataSet(from, Math.min(data.size(), from + EVAL_CHUNK), dataType);
            sums = sums.plus(LossAccuracySums.of(net, chunk));
            release(chunk);
        }
        return sums;
    }

    private static void release(DataSet d) {
        d.getFeatures().close();
        d.getLabels().close();
    }
}
