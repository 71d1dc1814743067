package org.teleport4j.driver.teleport;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleport4j.driver.config.TeleportConfig;
import org.teleport4j.driver.spark.DistributedSample;
import org.teleport4j.driver.spark.RecordChunks;
import org.teleport4j.driver.train.RoundHook;
import org.teleport4j.driver.train.RoundInfo;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;
import org.teleport4j.ops.teleport.Teleporter;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Synchronized teleportation of the averaged weights: before each scheduled round the driver draws a fresh
 * teleport sample from the training set, moves the averaged weights along the group orbit (worker-ops'
 * {@link Teleporter}), applies the optimizer-state policy, and leaves the result in the network, which the
 * round then broadcasts to every worker. In the reset-only control mode it applies the state policy alone.
 */
public final class TeleportHook implements RoundHook {
    /** Above this many examples an exact group's sample is summed on the executors instead of on the driver. */
    public static final int DRIVER_SAMPLE_LIMIT = 4096;
    private static final Logger log = LoggerFactory.getLogger(TeleportHook.class);

    private final JavaSparkContext sc;
    private final TeleportConfig t;
    private final NetworkTeleport teleport;
    private final JavaPairRDD<Long, byte[]> train;
    private final long trainSize;
    private final int inputs;
    private final int classes;
    private final long seed;
    private final TeleportLog teleportLog;
    private double seconds;

    public TeleportHook(JavaSparkContext sc, TeleportConfig t, NetArchitecture arch, double learningRate,
                        JavaPairRDD<Long, byte[]> train, long trainSize, int inputs, int classes, long seed, TeleportLog teleportLog) {
        this.sc = sc;
        this.t = t;
        this.teleport = new NetworkTeleport(t, arch, learningRate);
        this.train = train;
        this.trainSize = trainSize;
        this.inputs = inputs;
        this.classes = classes;
        this.seed = seed;
        this.teleportLog = teleportLog;
    }

    @Override
    public void afterRound(RoundInfo info, MultiLayerNetwork averaged) {
    }

    @Override
    public void beforeRound(RoundInfo info, MultiLayerNetwork net) {
        if (!t.schedule().teleportsBefore(info.epoch(), info.round())) return;
        long t0 = System.nanoTime();
        TeleportLog.Entry e = teleport.apply(net, () -> sample(info.globalRound()), drawSeed(info.globalRound()), info.epoch(),
                info.round(), info.globalRound());
        teleportLog.add(e);
        seconds += (System.nanoTime() - t0) / 1e9;
        if (!e.mode().equals("reset-only"))
            log.info("teleport before epoch {} round {}: {} {} -> {}, sample loss {} -> {} (drift {}), {}/{} steps, {} s",
                    info.epoch() + 1, info.round() + 1, e.objective(), fmt(e.objectiveBefore()), fmt(e.objectiveAfter()),
                    fmt(e.lossBefore()), fmt(e.lossAfter()), fmt(e.relativeLossDrift()), e.stepsAccepted(), e.stepsAttempted(), fmt(e.seconds()));
    }

    /** Wall time of the teleports so far (drawing the sample included). */
    public double seconds() {
        return seconds;
    }

    /** A fresh sample for this teleport, seeded by the run seed and the round, so a resumed run draws the same. */
    TeleportSample sample(long globalRound) {
        long s = drawSeed(globalRound);
        int n = (int) Math.min(t.sampleSize(), trainSize);
        if (teleport.exactGroup() && n > DRIVER_SAMPLE_LIMIT) {
            double fraction = Math.min(1.0, (double) n / trainSize);
            return new DistributedSample(sc, RecordChunks.of(train.sample(false, fraction, s).values(), RecordChunks.DEFAULT_SIZE), inputs, classes);
        }
        List<Tuple2<Long, byte[]>> drawn = new ArrayList<>(train.takeSample(false, n, s));
        drawn.sort(Comparator.comparingLong(Tuple2::_1));
        List<byte[]> records = drawn.stream().map(Tuple2::_2).toList();
        return new LocalSample(Batch.of(ExampleSet.toDataSet(records, inputs, classes, DataType.DOUBLE)));
    }

    private long drawSeed(long globalRound) {
        return seed * 0x9E3779B97F4A7C15L + globalRound;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
