package org.teleport4j.driver.experiment;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
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
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.OptimizerKind;

import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Teleporting to change sharpness or curvature (PAPER.md experiment 3, the paper's Figure 4), with the control the
 * paper lacks. Per paired run: SGD from the run's seed to the checkpoint epoch (the shared trunk, checkpointed in
 * base/s&lt;run&gt;/), then every arm continues from that checkpoint to training.epochs: the plain run, each teleporting
 * arm (phi down/up, psi up/down, teleport calls before the first minibatch steps of the teleport epoch), and each
 * arm's random control (as many group steps of the same norms in random directions). Trials run trial-parallel: one
 * Spark task trains one small model. Finished trunks and trials are kept and skipped on re-run.
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

    static String trunkDir(int run) {
        return "base/s" + run;
    }

    static String trialId(String arm, int run) {
        return arm.replace('/', '-') + "__s" + run;
    }

    /** Runs (or resumes) the trunks and the arms and writes the results, the summary and the plots to {@code dir}. */
    public List<Trial> run(JavaSparkContext sc, RunDirectory dir, Consumer<String> progress) {
        ExampleSet train = plain(cfg.data().dataset().readTrain(cfg.data().dir(), sc.hadoopConfiguration()).head(cfg.data().trainLimit()));
        ExampleSet test = plain(cfg.data().dataset().readTest(cfg.data().dir(), sc.hadoopConfiguration()).head(cfg.data().testLimit()));
        Broadcast<ExampleSet> trainB = sc.broadcast(train), testB = sc.broadcast(test);
        String runUri = dir.uri();

        List<Integer> trunks = new ArrayList<>();
        for (int r = 0; r < settings.runs(); r++)
            if (!dir.exists(trunkDir(r) + "/" + EpochMetrics.FILE)) trunks.add(r);
        progress.accept(String.format(Locale.ROOT, "generalize: %d runs (%d trunks to train to epoch %d), %d examples", settings.runs(),
                trunks.size(), settings.checkpointEpoch(), train.size()));
        if (!trunks.isEmpty()) {
            int checkpoint = settings.checkpointEpoch();
            List<Tuple2<Integer, SingleMachineTrainer.Trial>> todo = new ArrayList<>();
            for (int r : trunks) todo.add(new Tuple2<>(r, trial(r, checkpoint, null)));
            sc.parallelize(todo, todo.size())
                    .foreach(t -> {
                        SingleMachineTrainer.Trained trained = SingleMachineTrainer.train(t._2(), trainB.value(), testB.value());
                        RunDirectory trunk = new RunDirectory(runUri + "/" + trunkDir(t._1()), new Configuration());
                        new CheckpointStore(trunk, 1).save(trained.network(), new CheckpointStore.Checkpoint(checkpoint, t._2().seed(),
                                (long) checkpoint * steps(trainB.value().size(), t._2().batchSize()), CheckpointStore.modelFileFor(checkpoint)));
                        // Written last: a trunk counts as done only with its checkpoint in place.
                        trunk.writeText(EpochMetrics.FILE, TrialFiles.write(trained.outcome()));
                    });
        }

        List<Trial> done = new ArrayList<>();
        List<Tuple2<String, Integer>> todo = new ArrayList<>();
        List<Branch> branches = branches();
        for (Branch b : branches)
            for (int r = 0; r < settings.runs(); r++) {
                String id = trialId(b.name(), r);
                if (dir.exists("trials/" + id + ".csv")) done.add(read(dir, b.name(), r));
                else todo.add(new Tuple2<>(b.name(), r));
            }
        progress.accept(String.format(Locale.ROOT, "generalize: %d arms x %d runs (%d already done), epochs %d -> %d, teleports before epoch %d",
                branches.size(), settings.runs(), done.size(), settings.checkpointEpoch(), cfg.training().epochs(), settings.teleportEpoch() + 1));
        if (!todo.isEmpty()) {
            List<Tuple2<Tuple2<String, Integer>, SingleMachineTrainer.Trial>> trials = new ArrayList<>();
            for (Tuple2<String, Integer> t : todo) {
                Branch b = branches.stream().filter(x -> x.name().equals(t._1())).findFirst().orElseThrow();
                trials.add(new Tuple2<>(t, trial(t._2(), cfg.training().epochs(), b.teleport())));
            }
            int first = settings.checkpointEpoch(), total = todo.size();
            List<Trial> ran = sc.parallelize(trials, trials.size())
                    .map(t -> {
                        String arm = t._1()._1();
                        int run = t._1()._2();
                        RunDirectory out = new RunDirectory(runUri, new Configuration());
                        CheckpointStore trunk = new CheckpointStore(new RunDirectory(runUri + "/" + trunkDir(run), new Configuration()), 1);
                        MultiLayerNetwork net = trunk.load(trunk.latest().orElseThrow(() ->
                                new IllegalStateException("no checkpoint in " + runUri + "/" + trunkDir(run))));
                        SingleMachineTrainer.Trained trained = SingleMachineTrainer.resume(t._2(), net, first, trainB.value(), testB.value());
                        String id = trialId(arm, run);
                        out.writeText("teleports/" + id + ".csv", teleportCsv(trained.outcome().teleports()));
                        out.writeText("trials/" + id + ".csv", TrialFiles.write(trained.outcome()));
                        LoggerFactory.getLogger(GeneralizeExperiment.class).info("trial {} done (of {} to run)", id, total);
                        return new Trial(arm, run, trained.outcome().metrics(), trained.outcome().teleports());
                    })
                    .collect();
            done.addAll(ran);
        }
        List<List<EpochMetrics>> trunkRows = new ArrayList<>();
        for (int r = 0; r < settings.runs(); r++) trunkRows.add(TrialFiles.read(dir.readText(trunkDir(r) + "/" + EpochMetrics.FILE)).metrics());
        new GeneralizeReport(cfg, settings, branches, done, trunkRows).write(dir);
        return done;
    }

    private static int steps(int examples, int batch) {
        return (examples + batch - 1) / batch;
    }

    private static ExampleSet plain(ExampleSet s) {
        // Sub-lists are not serialisable: give Spark plain lists.
        return new ExampleSet(new ArrayList<>(s.records()), s.inputs(), s.classes());
    }

    private static String teleportCsv(List<TeleportLog.Entry> log) {
        StringBuilder sb = new StringBuilder(TeleportLog.HEADER).append('\n');
        for (TeleportLog.Entry e : log) sb.append(e.toCsv()).append('\n');
        return sb.toString();
    }

    private static Trial read(RunDirectory dir, String arm, int run) {
        String id = trialId(arm, run);
        List<TeleportLog.Entry> log = new ArrayList<>();
        if (dir.exists("teleports/" + id + ".csv"))
            for (String line : dir.readText("teleports/" + id + ".csv").split("\n"))
                if (!line.isBlank() && !line.equals(TeleportLog.HEADER)) log.add(TeleportLog.Entry.parseCsv(line));
        return new Trial(arm, run, TrialFiles.read(dir.readText("trials/" + id + ".csv")).metrics(), log);
    }
}
