package org.teleport4j.driver.experiment;

import com.typesafe.config.Config;
import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.TeleportConfig;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.teleport.NetworkTeleport;
import org.teleport4j.driver.train.SingleMachineTrainer;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.OptimizerKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The paper's optimizer comparison (its Figures 5 and 13) with the controls it lacks. For every optimizer and
 * paired seed it trains: the baseline; the baseline at other learning rates (the learning-rate control, since a
 * teleport of an exact group is a per-weight learning-rate change); the baseline with its optimizer state reset
 * exactly where the teleporting arms teleport (reset-only); and the teleporting arms (each group with each state
 * policy). Trials run trial-parallel: one Spark task trains one small model with {@link SingleMachineTrainer}.
 * Finished trials are kept in the run directory and skipped on re-run ({@link TrialParallelRunner}).
 */
public final class OptimizersExperiment {
    public static final String BASELINE = "baseline";
    public static final String RESET_ONLY = "reset-only";

    /** One arm: a learning-rate multiplier and what happens at the teleport steps (null: nothing). */
    public record Arm(String name, double lrMultiplier, TeleportConfig teleport) implements java.io.Serializable {
    }

    /** One trial's identity and outcome. */
    public record TrialResult(OptimizerKind optimizer, String arm, int seed, SingleMachineTrainer.Outcome outcome)
            implements java.io.Serializable {
        String id() {
            return optimizer.name().toLowerCase(Locale.ROOT) + "__" + arm.replace('/', '-') + "__s" + seed;
        }
    }

    private final TrainConfig cfg;
    private final Config raw;

    public OptimizersExperiment(TrainConfig cfg) {
        this.cfg = cfg;
        this.raw = cfg.raw();
    }

    public List<OptimizerKind> optimizers() {
        List<OptimizerKind> out = new ArrayList<>();
        for (String k : raw.getStringList("optimizers.kinds")) {
            try {
                out.add(OptimizerKind.parse(k));
            } catch (IllegalArgumentException e) {
                throw new BadConfigException("optimizers.kinds: " + e.getMessage());
            }
        }
        if (out.isEmpty()) throw new BadConfigException("optimizers.kinds must list at least one optimizer");
        return out;
    }

    int seeds() {
        int s = raw.getInt("optimizers.seeds");
        if (s < 1 || s > 1000) throw new BadConfigException("optimizers.seeds = " + s + " is out of range: allowed [1, 1000]");
        return s;
    }

    double learningRate(OptimizerKind k) {
        return raw.getDouble("optimizers.base-learning-rate") * raw.getDouble(paperKey(k, "lr-multiplier"));
    }

    private static String paperKey(OptimizerKind k, String key) {
        return "optimizers.paper." + k.name().toLowerCase(Locale.ROOT) + "." + key;
    }

    /** The arms for one optimizer, each teleport setting validated like any other configuration. */
    public List<Arm> arms(OptimizerKind k) {
        List<Arm> arms = new ArrayList<>();
        arms.add(new Arm(BASELINE, 1, null));
        for (double m : raw.getDoubleList("optimizers.lr-grid")) {
            if (!(m > 0)) throw new BadConfigException("optimizers.lr-grid entries must be positive, got " + m);
            arms.add(new Arm(String.format(Locale.ROOT, "lr-x%s", trim(m)), m, null));
        }
        arms.add(new Arm(RESET_ONLY, 1, teleportConfig(k, "reset-only", "scaling", "reset")));
        for (String group : raw.getStringList("optimizers.groups"))
            for (String state : raw.getStringList("optimizers.states")) {
                if (state.equals("transport") && !group.equals("scaling")) continue;
                arms.add(new Arm(group + "/" + state, 1, teleportConfig(k, "teleport", group, state)));
            }
        return arms;
    }

    private TeleportConfig teleportConfig(OptimizerKind k, String mode, String group, String state) {
        return cfg.teleportWith(Map.of("teleport.mode", mode, "teleport.group", group, "teleport.state", state,
                "teleport.step-size", raw.getDouble(paperKey(k, "teleport-step-size")), "teleport.schedule.kind", "paper",
                "teleport.schedule.epoch", raw.getInt(paperKey(k, "teleport-epoch")),
                "teleport.schedule.rounds", raw.getInt("optimizers.teleport-rounds")));
    }

    private static String trim(double m) {
        return m == Math.rint(m) ? String.valueOf((long) m) : String.valueOf(m);
    }

    /** Every trial runs {@link SingleMachineTrainer} on its own; its file is {@link TrialFiles}' CSV. */
    private static final TrialParallelRunner<SingleMachineTrainer.Trial, SingleMachineTrainer.Outcome> RUNNER =
            new TrialParallelRunner<>("trials", TrialFiles.FORMAT, SingleMachineTrainer::run);

    /** Runs (or resumes) every trial and writes the results, the summary and the plots to {@code dir}. */
    public List<TrialResult> run(JavaSparkContext sc, RunDirectory dir, Consumer<String> progress) {
        TrialData data = TrialData.read(cfg.data(), sc.hadoopConfiguration());
        Map<String, TrialResult> keys = new LinkedHashMap<>();
        Map<String, SingleMachineTrainer.Trial> trials = new LinkedHashMap<>();
        NetArchitecture arch = NetArchitecture.classifier(cfg.modelSpec());
        for (OptimizerKind k : optimizers())
            for (Arm arm : arms(k))
                for (int seed = 0; seed < seeds(); seed++) {
                    TrialResult key = new TrialResult(k, arm.name(), seed, null);
                    double lr = learningRate(k) * arm.lrMultiplier();
                    NetworkTeleport tp = arm.teleport() == null ? null : new NetworkTeleport(arm.teleport(), arch, lr);
                    keys.put(key.id(), key);
                    trials.put(key.id(), new SingleMachineTrainer.Trial(cfg.modelSpec(), k, lr, cfg.run().seed() + seed,
                            cfg.training().epochs(), cfg.training().batchSize(), cfg.training().dataType(), tp));
                }
        TrialParallelRunner.Plan<SingleMachineTrainer.Trial, SingleMachineTrainer.Outcome> plan = RUNNER.plan(dir, trials);
        progress.accept(String.format(Locale.ROOT, "optimizers: %d trials (%d already done), %d examples, %d epochs each",
                plan.total(), plan.done().size(), data.train().size(), cfg.training().epochs()));
        Map<String, SingleMachineTrainer.Outcome> outcomes = new LinkedHashMap<>(plan.done());
        outcomes.putAll(RUNNER.run(sc, dir, plan.todo(), data));
        List<TrialResult> done = new ArrayList<>();
        outcomes.forEach((id, o) -> {
            TrialResult key = keys.get(id);
            done.add(new TrialResult(key.optimizer(), key.arm(), key.seed(), o));
        });
        new OptimizersReport(cfg, this, done).write(dir);
        return done;
    }

}
