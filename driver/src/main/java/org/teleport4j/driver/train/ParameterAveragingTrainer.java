package org.teleport4j.driver.train;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.correlate.MeasureSettings;
import org.teleport4j.driver.run.CheckpointStore;
import org.teleport4j.driver.spark.DistributedModelMeasurer;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.run.EpochRows;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.spark.DistributedEvaluation;
import org.teleport4j.driver.spark.IndexedRecords;
import org.teleport4j.driver.spark.LocalThreads;
import org.teleport4j.driver.spark.RoundLayout;
import org.teleport4j.driver.spark.WorkerShards;
import org.teleport4j.driver.teleport.TeleportHook;
import org.teleport4j.driver.teleport.TeleportLog;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.eval.LossAccuracySums;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Parameter-averaged data-parallel training on Spark (dl4j-spark's ParameterAveragingTrainingMaster), one
 * averaging round at a time so that the driver holds the averaged network after every round and can hand
 * it to {@link RoundHook}s. Writes metrics and atomic checkpoints to the run directory every epoch; a run
 * with the same id resumes from its last checkpoint, and a finished run is not redone.
 */
public final class ParameterAveragingTrainer {
    static final String CONFIG_FILE = "config.conf";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ParameterAveragingTrainer.class);

    private final JavaSparkContext sc;
    private final TrainConfig cfg;
    /** The curvature measurement after training (measure.after-training), validated before training starts; or null. */
    private final MeasureSettings measure;
    private final List<RoundHook> hooks = new ArrayList<>();
    private TrainingProgress progress = TrainingProgress.NONE;
    private boolean countJob = false;
    private int taskThreads = -1;

    public ParameterAveragingTrainer(JavaSparkContext sc, TrainConfig cfg) {
        this.sc = sc;
        this.cfg = cfg;
        this.measure = cfg.raw().getBoolean("measure.after-training") ? MeasureSettings.from(cfg.raw()) : null;
    }

    public ParameterAveragingTrainer addHook(RoundHook hook) {
        hooks.add(hook);
        return this;
    }

    /**
     * Whether dl4j-spark runs its own count job before every round (true: as dl4j-spark does by itself; default
     * false: the trainer hands over the round's known minibatch count). For the bench job's before/after.
     */
    public ParameterAveragingTrainer countJob(boolean on) {
        this.countJob = on;
        return this;
    }

    /**
     * ND4J/OpenBLAS threads while a round's tasks run: -1 (default) = {@link LocalThreads#perTask} (cores / k for
     * local[k], k &gt; 1), 0 = leave ND4J's defaults (one pool of `cores` threads per task), n = n. Restored after
     * every round, so that the driver's own work between rounds (teleports, evaluation) keeps every core.
     */
    public ParameterAveragingTrainer taskThreads(int n) {
        this.taskThreads = n;
        return this;
    }

    public ParameterAveragingTrainer progress(TrainingProgress progress) {
        this.progress = progress;
        return this;
    }

    public TrainingResult run() {
        long t0 = System.nanoTime();
        RunDirectory dir = new RunDirectory(cfg.runDir(), sc.hadoopConfiguration());
        EpochRows metrics = new EpochRows(dir, EpochMetrics.FILE, EpochMetrics.HEADER);
        if (dir.isComplete()) {
            metrics.restore(Integer.MAX_VALUE);
            return new TrainingResult(cfg.runId(), dir.uri(), EpochMetrics.parseAll(metrics.rows()), null, true, -1, seconds(t0), 0);
        }
        recordConfig(dir);

        CheckpointStore checkpoints = new CheckpointStore(dir, cfg.run().keepCheckpoints());
        Optional<CheckpointStore.Checkpoint> resume = checkpoints.latest();
        MultiLayerNetwork net = resume.map(checkpoints::load).orElseGet(() -> cfg.modelSpec().newNetwork(
                cfg.optimizer().kind().updater(cfg.optimizer().learningRate()), cfg.run().seed(), cfg.training().dataType()));
        int startEpoch = resume.map(c -> c.epoch() + 1).orElse(0);
        long globalRound = resume.map(CheckpointStore.Checkpoint::globalRound).orElse(0L);
        metrics.restore(startEpoch - 1);

        DatasetId dataset = cfg.data().dataset();
        JavaPairRDD<Long, byte[]> train = IndexedRecords.read(sc, dataset, dataset.trainFiles(cfg.data().dir()), cfg.data().trainLimit())
                .persist(StorageLevel.MEMORY_ONLY());
        JavaPairRDD<Long, byte[]> test = IndexedRecords.read(sc, dataset, dataset.testFiles(cfg.data().dir()), cfg.data().testLimit());
        DistributedEvaluation testEval = new DistributedEvaluation(sc, test, dataset.inputs(), dataset.classes());
        DistributedEvaluation trainEval = cfg.training().trainLoss() == TrainConfig.TrainLoss.FULL
                ? new DistributedEvaluation(sc, train, dataset.inputs(), dataset.classes()) : null;
        long examples = train.count();

        List<RoundHook> allHooks = new ArrayList<>();
        TeleportHook teleportHook = null;
        if (cfg.teleport().active()) {
            TeleportLog teleportLog = new TeleportLog(dir);
            teleportLog.restore(startEpoch - 1);
            allHooks.add(teleportHook = new TeleportHook(sc, cfg.teleport(), NetArchitecture.classifier(cfg.modelSpec()), cfg.optimizer().learningRate(),
                    train, examples, dataset.inputs(), dataset.classes(), cfg.run().seed(), teleportLog));
        }
        allHooks.addAll(hooks);

        int workers = cfg.training().workers() > 0 ? cfg.training().workers() : sc.defaultParallelism();
        RoundLayout layout = new RoundLayout(examples, workers, cfg.training().batchSize(), cfg.training().averagingFrequency());
        KnownCountTrainingMaster master = trainingMaster(workers);
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, master);
        progress.onStart(cfg.runId(), dir.uri(), startEpoch, cfg.training().epochs(), layout.rounds(), examples, workers);

        int threadsPerTask = taskThreads >= 0 ? taskThreads : LocalThreads.perTask(sc);
        WorkerShards shards = cfg.data().shuffle() ? null : WorkerShards.build(train, layout, null, dataset.inputs(), dataset.classes());
        try {
            for (int epoch = startEpoch; epoch < cfg.training().epochs(); epoch++) {
                long e0 = System.nanoTime();
                WorkerShards epochShards = shards != null ? shards : shuffled(train, layout, epoch, dataset);
                double scoreSum = 0;
                for (int round = 0; round < layout.rounds(); round++) {
                    RoundInfo upcoming = new RoundInfo(epoch, round, layout.rounds(), globalRound + 1, Double.NaN);
                    for (RoundHook hook : allHooks) hook.beforeRound(upcoming, sparkNet.getNetwork());
                    int iterationsBefore = sparkNet.getNetwork().getIterationCount();
                    master.expect(countJob ? -1 : minibatchesIn(layout, round));
                    int r = round;
                    LocalThreads.with(threadsPerTask, () -> sparkNet.fit(epochShards.round(r, cfg.training().dataType())));
                    MultiLayerNetwork averaged = sparkNet.getNetwork();
                    // dl4j-spark adds the averaging frequency to the iteration count even for a short last round,
                    // and counts every fit as an epoch; Adam's bias correction reads the iteration count: keep both exact.
                    averaged.setIterationCount(iterationsBefore + stepsPerWorker(layout, round));
                    averaged.setEpochCount(epoch);
                    globalRound++;
                    RoundInfo info = new RoundInfo(epoch, round, layout.rounds(), globalRound, sparkNet.getScore());
                    scoreSum += info.score();
                    for (RoundHook hook : allHooks) hook.afterRound(info, averaged);
                    checkFinite(info, averaged);
                    progress.onRound(info);
                }
                if (shards == null) epochShards.release();
                MultiLayerNetwork averaged = sparkNet.getNetwork();
                averaged.setEpochCount(epoch + 1);
                double trainLoss = trainEval != null ? trainEval.evaluate(averaged).meanLoss() : scoreSum / layout.rounds();
                LossAccuracySums testSums = testEval.evaluate(averaged);
                EpochMetrics row = new EpochMetrics(epoch, trainLoss, testSums.meanLoss(), testSums.accuracy(), seconds(e0), examples, layout.rounds());
                metrics.add(row.toCsv());
                checkpoints.save(averaged, new CheckpointStore.Checkpoint(epoch, cfg.run().seed(), globalRound, CheckpointStore.modelFileFor(epoch)));
                progress.onEpoch(row, cfg.training().epochs());
            }
            if (measure != null && !dir.exists(DistributedModelMeasurer.FILE)) {
                DistributedModelMeasurer.Result r = DistributedModelMeasurer.measure(sc, train, (int) examples, dataset.inputs(),
                        dataset.classes(), NetArchitecture.classifier(cfg.modelSpec()), sparkNet.getNetwork().params(), measure);
                DistributedModelMeasurer.write(dir, r);
                log.info("curvature of the trained model: phi {}, psi {}, lambda_max {} ({} products{}), trace {} +/- {}; {} s", r.phi(), r.psi(),
                        r.lambdaMax(), r.lanczosProducts(), r.lanczosConverged() ? "" : ", NOT converged", r.trace(), r.traceStandardError(), r.seconds());
            }
            dir.markComplete();
            return new TrainingResult(cfg.runId(), dir.uri(), EpochMetrics.parseAll(metrics.rows()), sparkNet.getNetwork(), false,
                    startEpoch - 1, seconds(t0), teleportHook == null ? 0 : teleportHook.seconds());
        } finally {
            if (shards != null) shards.release();
            testEval.release();
            if (trainEval != null) trainEval.release();
            train.unpersist(false);
            master.deleteTempFiles(sc);
        }
    }

    /**
     * Stops a diverged run before it is checkpointed: dl4j-spark averages NaN and infinite values as it gets
     * them and trains on. Checked after the hooks, so a hook that breaks the weights is caught too.
     */
    static void checkFinite(RoundInfo info, MultiLayerNetwork averaged) {
        if (!Double.isFinite(info.score()))
            throw new NonFiniteTrainingException(info, "the averaged minibatch loss is " + info.score());
        INDArray params = averaged.params();
        if (params.isNaN().any() || params.isInfinite().any())
            throw new NonFiniteTrainingException(info, "the averaged parameters hold NaN or infinite values");
    }

    /** Minibatches each worker fits in a round (fewer in an epoch's last round). */
    static int stepsPerWorker(RoundLayout layout, int round) {
        long before = (long) round * layout.workers() * layout.frequency();
        long left = layout.minibatches() - before;
        return (int) Math.min(layout.frequency(), (left + layout.workers() - 1) / layout.workers());
    }

    /** Minibatches (DataSet objects) of all workers together in a round. */
    static long minibatchesIn(RoundLayout layout, int round) {
        long perRound = (long) layout.workers() * layout.frequency();
        return Math.min(perRound, layout.minibatches() - round * perRound);
    }

    private KnownCountTrainingMaster trainingMaster(int workers) {
        return new KnownCountTrainingMaster(new ParameterAveragingTrainingMaster.Builder(workers, cfg.training().batchSize())
                .batchSizePerWorker(cfg.training().batchSize())
                .averagingFrequency(cfg.training().averagingFrequency())
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // Rounds arrive already laid out one partition per worker (WorkerShards); keep them so.
                .repartionData(Repartition.Never)
                .storageLevel(null)
                .rngSeed(cfg.run().seed())
                .collectTrainingStats(false));
    }

    private WorkerShards shuffled(JavaPairRDD<Long, byte[]> train, RoundLayout layout, int epoch, DatasetId dataset) {
        long[] order = permutation(layout.examples(), cfg.run().seed() * 1_000_003L + epoch);
        Broadcast<long[]> b = sc.broadcast(order);
        return WorkerShards.build(train, layout, b, dataset.inputs(), dataset.classes());
    }

    /** A seeded permutation of 0..n-1 (Fisher-Yates): position -> place in the epoch. */
    static long[] permutation(long n, long seed) {
        long[] p = new long[(int) n];
        for (int i = 0; i < n; i++) p[i] = i;
        Random rng = new Random(seed);
        for (int i = p.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Saves the resolved config; refuses to resume a run directory that was started with a different one. */
    private void recordConfig(RunDirectory dir) {
        String text = ConfigLoader.render(cfg.raw());
        if (dir.exists(CONFIG_FILE)) {
            String before = dir.readText(CONFIG_FILE);
            if (!before.equals(text))
                throw new BadConfigException("run directory " + dir.uri() + " holds a run with a different configuration (see its "
                        + CONFIG_FILE + "); choose another run.id, or delete that directory to start over");
        } else {
            dir.writeText(CONFIG_FILE, text);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
