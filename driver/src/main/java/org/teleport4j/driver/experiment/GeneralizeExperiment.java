package org.teleport4j.driver.experiment;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.LoggerFactory;
import org.teleport4j.driver.config.TeleportConfig;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.CheckpointStore;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.teleport.NetworkTeleport;
import org.teleport4j.driver.teleport.TeleportLog;
import org.teleport4j.driver.train.SingleMachineTrainer;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.OptimizerKind;


import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Teleporting to change sharpness or curvature (PAPER.md experiment 3, the paper's Figure 4), with the control the
 * paper lacks. Per paired run: SGD from the run's seed to the checkpoint epoch (the shared trunk, checkpointed in
 * base/seed-&lt;seed&gt;/), then every arm continues from that checkpoint to training.epochs: the plain run, each teleporting
 * arm (phi down/up, psi up/down, teleport calls before the first minibatch steps of the teleport epoch), and each
 * arm's random control (as many group steps of the same norms in random directions). Trials run trial-parallel
 * ({@link TrialParallelRunner}: one Spark task trains one small model); finished trunks and trials are kept and skipped
 * on re-run.
 */
public final class GeneralizeExperiment {
    private final TrainConfig cfg;
    private final GeneralizeSettings settings;

    /** One arm of the comparison: a name and its teleport (null: the plain run). */
    public record Branch(String name, TeleportConfig teleport) implements Serializable {
    }

    /** One continued run: its arm, run index, epoch rows after the checkpoint and its teleport log. */
    public record Trial(String arm, int run, List<EpochMetrics> metrics, List<TeleportLog.Entry> teleports) implements Serializable {
    }

    public GeneralizeExperiment(TrainConfig cfg) {
        this.cfg = cfg;
        this.settings = GeneralizeSettings.from(cfg);
        if (cfg.optimizer().kind() != OptimizerKind.SGD)
            LoggerFactory.getLogger(GeneralizeExperiment.class).warn("generalize: the paper uses plain SGD; optimizer.kind is {}", cfg.optimizer().kind());
    }

    public GeneralizeSettings settings() {
        return settings;
    }

    /** The plain run, then each teleporting arm followed by its random control. */
    public List<Branch> branches() {
        List<Branch> out = new ArrayList<>();
        out.add(new Branch(GeneralizeSettings.PLAIN, null));
        for (GeneralizeSettings.Arm a : settings.arms()) {
            out.add(new Branch(a.name(), a.teleport()));
            if (settings.randomControl()) out.add(new Branch(GeneralizeSettings.randomName(a.name()), GeneralizeSettings.randomControl(a.teleport())));
        }
        return out;
    }

    private SingleMachineTrainer.Trial trial(int run, int epochs, TeleportConfig teleport) {
        NetArchitecture arch = NetArchitecture.classifier(cfg.modelSpec());
        double lr = cfg.optimizer().learningRate();
        return new SingleMachineTrainer.Trial(cfg.modelSpec(), cfg.optimizer().kind(), lr, cfg.run().seed() + run, epochs,
                cfg.training().batchSize(), cfg.training().dataType(), teleport == null ? null : new NetworkTeleport(teleport, arch, lr));
    }

    /** A trunk is named by its seed: its epoch rows are base/seed-&lt;seed&gt;.csv, its checkpoint in base/seed-&lt;seed&gt;/. */
    private static String trunkId(long seed) {
        return "seed-" + seed;
    }

    static String trunkDir(SingleMachineTrainer.Trial t) {
        return "base/" + trunkId(t.seed());
    }

    static String trialId(String arm, int run) {
        return arm.replace('/', '-') + "__s" + run;
    }

    /** One continued run to train: its arm and run index, and the training settings. */
    record Branching(String arm, int run, SingleMachineTrainer.Trial trial) implements Serializable {
    }

    /** Runs (or resumes) the trunks and the arms and writes the results, the summary and the plots to {@code dir}. */
    public List<Trial> run(JavaSparkContext sc, RunDirectory dir, Consumer<String> progress) {
        TrialData data = TrialData.read(cfg.data(), sc.hadoopConfiguration());
        String runUri = dir.uri();

        // The trunks: SGD to the checkpoint epoch, checkpointed in base/seed-<seed>/ before the trunk's file marks it done.
        int checkpoint = settings.checkpointEpoch();
        Map<String, SingleMachineTrainer.Trial> trunkTrials = new LinkedHashMap<>();
        for (int r = 0; r < settings.runs(); r++) {
            SingleMachineTrainer.Trial t = trial(r, checkpoint, null);
            trunkTrials.put(trunkId(t.seed()), t);
        }
        TrialParallelRunner<SingleMachineTrainer.Trial, SingleMachineTrainer.Outcome> trunks = new TrialParallelRunner<>("base", TrialFiles.FORMAT,
                (t, train, test) -> {
                    SingleMachineTrainer.Trained trained = SingleMachineTrainer.train(t, train, test);
                    long rounds = (long) checkpoint * ((train.size() + t.batchSize() - 1) / t.batchSize());
                    new CheckpointStore(new RunDirectory(runUri + "/" + trunkDir(t), new Configuration()), 1).save(trained.network(),
                            new CheckpointStore.Checkpoint(checkpoint, t.seed(), rounds, CheckpointStore.modelFileFor(checkpoint)));
                    return trained.outcome();
                });
        TrialParallelRunner.Plan<SingleMachineTrainer.Trial, SingleMachineTrainer.Outcome> trunkPlan = trunks.plan(dir, trunkTrials);
        progress.accept(String.format(Locale.ROOT, "generalize: %d runs (%d trunks to train to epoch %d), %d examples", settings.runs(),
                trunkPlan.todo().size(), checkpoint, data.train().size()));
        Map<String, SingleMachineTrainer.Outcome> trunkOutcomes = new LinkedHashMap<>(trunkPlan.done());
        trunkOutcomes.putAll(trunks.run(sc, dir, trunkPlan.todo(), data));

        // The arms: every branch of every run continues from its run's checkpoint.
        List<Branch> branches = branches();
        Map<String, Branching> armTrials = new LinkedHashMap<>();
        for (Branch b : branches)
            for (int r = 0; r < settings.runs(); r++)
                armTrials.put(trialId(b.name(), r), new Branching(b.name(), r, trial(r, cfg.training().epochs(), b.teleport())));
        TrialParallelRunner<Branching, SingleMachineTrainer.Outcome> arms = new TrialParallelRunner<>("trials", TrialFiles.FORMAT,
                (b, train, test) -> {
                    CheckpointStore trunk = new CheckpointStore(new RunDirectory(runUri + "/" + trunkDir(b.trial()), new Configuration()), 1);
                    MultiLayerNetwork net = trunk.load(trunk.latest().orElseThrow(() ->
                            new IllegalStateException("no checkpoint in " + runUri + "/" + trunkDir(b.trial()))));
                    return SingleMachineTrainer.resume(b.trial(), net, checkpoint, train, test).outcome();
                });
        TrialParallelRunner.Plan<Branching, SingleMachineTrainer.Outcome> plan = arms.plan(dir, armTrials);
        progress.accept(String.format(Locale.ROOT, "generalize: %d arms x %d runs (%d already done), epochs %d -> %d, teleports before epoch %d",
                branches.size(), settings.runs(), plan.done().size(), checkpoint, cfg.training().epochs(), settings.teleportEpoch() + 1));
        Map<String, SingleMachineTrainer.Outcome> outcomes = new LinkedHashMap<>(plan.done());
        outcomes.putAll(arms.run(sc, dir, plan.todo(), data));

        List<Trial> done = new ArrayList<>();
        armTrials.forEach((id, b) -> done.add(new Trial(b.arm(), b.run(), outcomes.get(id).metrics(), outcomes.get(id).teleports())));
        List<List<EpochMetrics>> trunkRows = new ArrayList<>();
        trunkTrials.keySet().forEach(id -> trunkRows.add(trunkOutcomes.get(id).metrics()));
        new GeneralizeReport(cfg, settings, branches, done, trunkRows).write(dir);
        return done;
    }
}
