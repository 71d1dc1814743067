package org.teleport4j.driver.experiment;

import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.report.LinePlot;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.ops.model.OptimizerKind;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The optimizers experiment's outputs: every epoch of every trial (results.csv), the summary table per optimizer
 * and arm (summary.csv, summary.md) with mean +/- std over paired seeds, time-to-target, the verdict of the best
 * teleporting arm against the strongest control, and plots of the training loss vs epoch and vs wall-clock.
 */
final class OptimizersReport {
    private final TrainConfig cfg;
    private final OptimizersExperiment experiment;
    private final List<OptimizersExperiment.TrialResult> results;

    OptimizersReport(TrainConfig cfg, OptimizersExperiment experiment, List<OptimizersExperiment.TrialResult> results) {
        this.cfg = cfg;
        this.experiment = experiment;
        this.results = results;
    }

    /** An arm's trials, ordered by seed. */
    private List<List<EpochMetrics>> trials(OptimizerKind k, String arm) {
        return results.stream().filter(r -> r.optimizer() == k && r.arm().equals(arm))
                .sorted(Comparator.comparingInt(OptimizersExperiment.TrialResult::seed)).map(r -> r.outcome().metrics()).toList();
    }

    private static double[] at(List<List<EpochMetrics>> trials, int epoch, ToDoubleFunction<EpochMetrics> f) {
        return trials.stream().mapToDouble(t -> f.applyAsDouble(t.get(epoch))).toArray();
    }

    private static double[] cumulativeSeconds(List<EpochMetrics> t) {
        double[] c = new double[t.size()];
        double s = 0;
        for (int i = 0; i < t.size(); i++) c[i] = s += t.get(i).epochSeconds();
        return c;
    }

    private List<Integer> reportEpochs() {
        int last = cfg.training().epochs() - 1;
        List<Integer> configured = cfg.raw().getIntList("optimizers.report-epochs");
        if (configured.isEmpty()) return last < 2 ? List.of(last) : List.of(0, last / 2, last);
        return configured.stream().map(e -> Math.max(0, Math.min(last, e - 1))).distinct().toList();
    }

    void write(RunDirectory dir) {
        StringBuilder csv = new StringBuilder("optimizer,arm,seed,epoch,train_loss,test_loss,test_accuracy,cumulative_seconds\n");
        for (OptimizersExperiment.TrialResult r : results) {
            double[] cum = cumulativeSeconds(r.outcome().metrics());
            for (EpochMetrics m : r.outcome().metrics())
                csv.append(String.join(",", name(r.optimizer()), r.arm(), String.valueOf(r.seed()), String.valueOf(m.epoch() + 1),
                        String.valueOf(m.trainLoss()), String.valueOf(m.testLoss()), String.valueOf(m.testAccuracy()),
                        String.valueOf(cum[m.epoch()]))).append('\n');
        }
        dir.writeText("results.csv", csv.toString());

        List<Integer> epochs = reportEpochs();
        StringBuilder md = new StringBuilder("# Optimizers with and without teleportation\n\n");
        md.append(String.format(Locale.ROOT, "%s on %s (%d training / test examples as configured), %d epochs, batch %d, %d paired seeds. "
                        + "Mean ± std over seeds. Time-to-target: epochs and seconds (training + teleports) to reach the baseline's final "
                        + "mean training loss, over the seeds that reach it.%n%n", cfg.modelSpec(), cfg.data().dataset().folder(),
                cfg.data().trainLimit(), cfg.training().epochs(), cfg.training().batchSize(), experiment.seeds()));
        StringBuilder sum = new StringBuilder("optimizer,arm,learning_rate_multiplier,epoch,train_loss_mean,train_loss_std,test_loss_mean,test_loss_std,"
                + "test_accuracy_mean,epochs_to_target,seconds_to_target,reached,teleport_seconds_share\n");
        for (OptimizerKind k : experiment.optimizers()) {
            List<OptimizersExperiment.Arm> arms = experiment.arms(k);
            List<List<EpochMetrics>> base = trials(k, OptimizersExperiment.BASELINE);
            if (base.isEmpty()) continue;
            int last = base.get(0).size() - 1;
            double target = Stats.of(at(base, last, EpochMetrics::trainLoss)).mean();
            md.append("## ").append(name(k)).append(String.format(Locale.ROOT, " (lr %.3g)%n%n", experiment.learningRate(k)));
            md.append("| arm |");
            for (int e : epochs) md.append(" train loss @").append(e + 1).append(" |");
            md.append(" test loss @").append(last + 1).append(" | test acc @").append(last + 1).append(" | epochs to target | seconds to target | teleport time share |\n|---|");
            for (int i = 0; i < epochs.size() + 5; i++) md.append("---|");
            md.append('\n');
            for (OptimizersExperiment.Arm arm : arms) {
                List<List<EpochMetrics>> ts = trials(k, arm.name());
                if (ts.isEmpty()) continue;
                // Per seed that reaches the target: the first epoch at or below it, and the seconds until then.
                double[] toEpochs = new double[ts.size()], toSeconds = new double[ts.size()];
                int reached = 0;
                for (int i = 0; i < ts.size(); i++) {
                    double[] cum = cumulativeSeconds(ts.get(i));
                    for (EpochMetrics m : ts.get(i))
                        if (m.trainLoss() <= target) {
                            toEpochs[reached] = m.epoch() + 1;
                            toSeconds[reached] = cum[m.epoch()];
                            reached++;
                            break;
                        }
                }
                Stats te = reached == 0 ? null : Stats.of(java.util.Arrays.copyOf(toEpochs, reached));
                Stats ts2 = reached == 0 ? null : Stats.of(java.util.Arrays.copyOf(toSeconds, reached));
                double teleportShare = results.stream().filter(r -> r.optimizer() == k && r.arm().equals(arm.name()))
                        .mapToDouble(r -> r.outcome().teleportSeconds() / cumulativeSeconds(r.outcome().metrics())[last]).average().orElse(0);
                md.append("| ").append(arm.name()).append(" |");
                for (int e : epochs) md.append(' ').append(Stats.of(at(ts, e, EpochMetrics::trainLoss))).append(" |");
                Stats testLoss = Stats.of(at(ts, last, EpochMetrics::testLoss)), acc = Stats.of(at(ts, last, EpochMetrics::testAccuracy));
                md.append(' ').append(testLoss).append(" | ").append(String.format(Locale.ROOT, "%.2f%%", 100 * acc.mean())).append(" | ")
                        .append(te == null ? "not reached" : String.format(Locale.ROOT, "%.1f (%d/%d)", te.mean(), reached, ts.size())).append(" | ")
                        .append(ts2 == null ? "-" : String.format(Locale.ROOT, "%.1f", ts2.mean())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f%%", 100 * teleportShare)).append(" |\n");
                for (int e : epochs) {
                    Stats tr = Stats.of(at(ts, e, EpochMetrics::trainLoss)), tl = Stats.of(at(ts, e, EpochMetrics::testLoss));
                    sum.append(String.join(",", name(k), arm.name(), String.valueOf(arm.lrMultiplier()), String.valueOf(e + 1),
                            String.valueOf(tr.mean()), String.valueOf(tr.std()), String.valueOf(tl.mean()), String.valueOf(tl.std()),
                            String.valueOf(Stats.of(at(ts, e, EpochMetrics::testAccuracy)).mean()),
                            te == null ? "" : String.valueOf(te.mean()), ts2 == null ? "" : String.valueOf(ts2.mean()),
                            reached + "/" + ts.size(), String.valueOf(teleportShare))).append('\n');
                }
            }
            md.append('\n').append(verdict(k, arms, last)).append("\n\n");
            plots(dir, k, arms);
        }
        dir.writeText("summary.csv", sum.toString());
        dir.writeText("summary.md", md.toString());
    }

    /** The best teleporting arm against the strongest control, as paired differences of the final train loss. */
    private String verdict(OptimizerKind k, List<OptimizersExperiment.Arm> arms, int last) {
        String bestControl = null, bestTeleport = null;
        double control = Double.POSITIVE_INFINITY, tele = Double.POSITIVE_INFINITY;
        for (OptimizersExperiment.Arm arm : arms) {
            List<List<EpochMetrics>> ts = trials(k, arm.name());
            if (ts.isEmpty()) continue;
            double m = Stats.of(at(ts, last, EpochMetrics::trainLoss)).mean();
            boolean teleporting = arm.teleport() != null && arm.teleport().mode() == org.teleport4j.driver.config.TeleportConfig.Mode.TELEPORT;
            if (teleporting && m < tele) {
                tele = m;
                bestTeleport = arm.name();
            } else if (!teleporting && m < control) {
                control = m;
                bestControl = arm.name();
            }
        }
        if (bestControl == null || bestTeleport == null) return "";
        double[] a = at(trials(k, bestTeleport), last, EpochMetrics::trainLoss), b = at(trials(k, bestControl), last, EpochMetrics::trainLoss);
        double[] d = new double[Math.min(a.length, b.length)];
        for (int i = 0; i < d.length; i++) d[i] = a[i] - b[i];
        Stats diff = Stats.of(d);
        boolean better = diff.mean() + diff.std() < 0;
        return String.format(Locale.ROOT, "Best teleporting arm **%s** vs strongest control **%s**: final train loss difference %s "
                        + "(paired over %d seeds; negative favours teleportation) — %s.", bestTeleport, bestControl, diff, d.length,
                better ? "teleportation helps beyond the control" : diff.mean() < 0 ? "not clearly better than the control (within one std)"
                        : "teleportation does not beat the control");
    }

    private void plots(RunDirectory dir, OptimizerKind k, List<OptimizersExperiment.Arm> arms) {
        LinePlot byEpoch = new LinePlot(name(k) + ": training loss", "epoch", "train loss", true);
        LinePlot byTime = new LinePlot(name(k) + ": training loss vs wall-clock", "seconds", "train loss", true);
        for (OptimizersExperiment.Arm arm : arms) {
            List<List<EpochMetrics>> ts = trials(k, arm.name());
            if (ts.isEmpty()) continue;
            int n = ts.get(0).size();
            double[] x = new double[n], y = new double[n], sd = new double[n], t = new double[n];
            for (int e = 0; e < n; e++) {
                Stats s = Stats.of(at(ts, e, EpochMetrics::trainLoss));
                x[e] = e + 1;
                y[e] = s.mean();
                sd[e] = s.std();
                final int ep = e;
                t[e] = ts.stream().mapToDouble(tr -> cumulativeSeconds(tr)[ep]).average().orElse(0);
            }
            byEpoch.add(arm.name(), new LinePlot.Line(x, y, null));
            byTime.add(arm.name(), new LinePlot.Line(t, y, null));
        }
        dir.write("plots/" + name(k) + "-train-loss-by-epoch.png", out -> out.write(byEpoch.png(900, 600)));
        dir.write("plots/" + name(k) + "-train-loss-by-time.png", out -> out.write(byTime.png(900, 600)));
    }

    private static String name(OptimizerKind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }
}
