package org.teleport4j.driver.experiment;

import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.report.LinePlot;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.teleport.TeleportLog;
import org.teleport4j.driver.teleport.TeleportSchedule;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The generalize experiment's outputs: every epoch of every run (results.csv), every teleport (teleports.csv), the
 * summary per arm (summary.csv, summary.md: final losses, paired differences to the plain run and to the arm's random
 * control, what the teleports did to their objective, and whether the paper's direction held) and the curves
 * (train-loss.png, test-loss.png, test-loss-vs-plain.png).
 */
final class GeneralizeReport {
    private final TrainConfig cfg;
    private final GeneralizeSettings settings;
    private final List<GeneralizeExperiment.Branch> branches;
    private final List<GeneralizeExperiment.Trial> trials;
    private final List<List<EpochMetrics>> trunks;

    GeneralizeReport(TrainConfig cfg, GeneralizeSettings settings, List<GeneralizeExperiment.Branch> branches,
                     List<GeneralizeExperiment.Trial> trials, List<List<EpochMetrics>> trunks) {
        this.cfg = cfg;
        this.settings = settings;
        this.branches = branches;
        this.trials = trials;
        this.trunks = trunks;
    }

    /** An arm's runs, ordered by run index (paired across arms). */
    private List<GeneralizeExperiment.Trial> runs(String arm) {
        return trials.stream().filter(t -> t.arm().equals(arm)).sorted(Comparator.comparingInt(GeneralizeExperiment.Trial::run)).toList();
    }

    private static double[] last(List<GeneralizeExperiment.Trial> runs, ToDoubleFunction<EpochMetrics> f) {
        return runs.stream().mapToDouble(t -> f.applyAsDouble(t.metrics().get(t.metrics().size() - 1))).toArray();
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    /** Per run: the sum over the teleport calls of (objective after - objective before). */
    private static double[] objectiveChange(List<GeneralizeExperiment.Trial> runs) {
        return runs.stream().mapToDouble(t -> t.teleports().stream().mapToDouble(e -> e.objectiveAfter() - e.objectiveBefore()).sum()).toArray();
    }

    private static double[] objectiveBefore(List<GeneralizeExperiment.Trial> runs) {
        return runs.stream().mapToDouble(t -> t.teleports().isEmpty() ? Double.NaN : t.teleports().get(0).objectiveBefore()).toArray();
    }

    private static double maxDrift(List<GeneralizeExperiment.Trial> runs) {
        return runs.stream().flatMap(t -> t.teleports().stream()).mapToDouble(TeleportLog.Entry::relativeLossDrift).max().orElse(0);
    }

    void write(RunDirectory dir) {
        StringBuilder csv = new StringBuilder("arm,run,epoch,train_loss,test_loss,test_accuracy\n");
        for (int r = 0; r < trunks.size(); r++)
            for (EpochMetrics m : trunks.get(r)) csv.append(row("trunk", r, m));
        for (GeneralizeExperiment.Trial t : trials)
            for (EpochMetrics m : t.metrics()) csv.append(row(t.arm(), t.run(), m));
        dir.writeText("results.csv", csv.toString());

        StringBuilder tele = new StringBuilder("arm,run,").append(TeleportLog.HEADER).append('\n');
        for (GeneralizeExperiment.Trial t : trials)
            for (TeleportLog.Entry e : t.teleports()) tele.append(t.arm()).append(',').append(t.run()).append(',').append(e.toCsv()).append('\n');
        dir.writeText("teleports.csv", tele.toString());

        List<GeneralizeExperiment.Trial> plain = runs(GeneralizeSettings.PLAIN);
        double[] plainTest = last(plain, EpochMetrics::testLoss);
        StringBuilder sum = new StringBuilder("arm,measure,objective_before_mean,objective_change_mean,objective_change_std,max_relative_loss_drift,"
                + "final_train_loss_mean,final_train_loss_std,final_test_loss_mean,final_test_loss_std,test_minus_plain_mean,test_minus_plain_std,"
                + "runs_below_plain,test_minus_random_mean,test_minus_random_std,gap_mean,gap_std,gap_minus_plain_mean,gap_minus_plain_std\n");
        StringBuilder md = new StringBuilder("# Teleporting to change sharpness or curvature (paper Figure 4)\n\n");
        md.append(String.format(Locale.ROOT, "%s on %s (%d training examples), %s lr %.3g, batch %d. %d paired runs (seeds %d..%d): SGD to "
                        + "epoch %d (shared checkpoint), then every arm continues to epoch %d; teleports before the first minibatch steps "
                        + "of epoch %d on fresh batches of %d. Random control: as many group steps of the same norms in random directions. "
                        + "Mean ± std over runs; differences are paired (same run).%n%n",
                cfg.modelSpec(), cfg.data().dataset().folder(), cfg.data().trainLimit(), cfg.optimizer().kind().name().toLowerCase(Locale.ROOT),
                cfg.optimizer().learningRate(), cfg.training().batchSize(), settings.runs(), cfg.run().seed(),
                cfg.run().seed() + settings.runs() - 1, settings.checkpointEpoch(), cfg.training().epochs(), settings.teleportEpoch() + 1,
                settings.arms().isEmpty() ? 0 : settings.arms().get(0).teleport().sampleSize()));
        md.append("| arm | teleports (calls x steps) | objective before | objective change | max loss drift | final train loss | final test loss "
                + "| test − plain | runs below plain | test − random control | gap (test − train) | gap − plain gap |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double[] plainGap = minus(plainTest, last(plain, EpochMetrics::trainLoss));
        StringBuilder verdicts = new StringBuilder();
        for (GeneralizeExperiment.Branch b : branches) {
            List<GeneralizeExperiment.Trial> runs = runs(b.name());
            if (runs.size() != plain.size() || runs.isEmpty()) continue;
            double[] test = last(runs, EpochMetrics::testLoss), train = last(runs, EpochMetrics::trainLoss);
            Stats vsPlain = Stats.of(minus(test, plainTest));
            double[] gap = minus(test, train);
            Stats trainStats = Stats.of(train), testStats = Stats.of(test), gapStats = Stats.of(gap);
            Stats gapVsPlain = Stats.of(minus(gap, plainGap));
            double drift = b.teleport() == null ? Double.NaN : maxDrift(runs);
            long below = java.util.stream.IntStream.range(0, test.length).filter(i -> test[i] < plainTest[i]).count();
            List<GeneralizeExperiment.Trial> random = runs(GeneralizeSettings.randomName(b.name()));
            Stats vsRandom = b.teleport() != null && b.teleport().mode() != org.teleport4j.driver.config.TeleportConfig.Mode.RANDOM
                    && random.size() == runs.size() ? Stats.of(minus(test, last(random, EpochMetrics::testLoss))) : null;
            Stats before = b.teleport() == null ? null : Stats.of(objectiveBefore(runs)), change = b.teleport() == null ? null : Stats.of(objectiveChange(runs));
            String measure = measure(b.name());
            String calls = b.teleport() == null ? "—"
                    : (b.teleport().schedule() instanceof TeleportSchedule.FirstRoundsOfEpoch f ? f.rounds() : "?") + " x " + b.teleport().steps();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %d/%d | %s | %s | %s |%n", b.name(), calls,
                    before == null ? "—" : String.format(Locale.ROOT, "%.4g", before.mean()),
                    change == null ? "—" : String.format(Locale.ROOT, "%+.3g ± %.2g", change.mean(), change.std()),
                    b.teleport() == null ? "—" : String.format(Locale.ROOT, "%.2g", drift),
                    trainStats, testStats, b.teleport() == null ? "—" : signed(vsPlain), below, test.length,
                    vsRandom == null ? "—" : signed(vsRandom), gapStats, b.teleport() == null ? "—" : signed(gapVsPlain)));
            sum.append(String.join(",", b.name(), measure, num(before == null ? Double.NaN : before.mean()),
                    num(change == null ? Double.NaN : change.mean()), num(change == null ? Double.NaN : change.std()),
                    num(drift), num(trainStats.mean()), num(trainStats.std()),
                    num(testStats.mean()), num(testStats.std()), num(vsPlain.mean()), num(vsPlain.std()), Long.toString(below),
                    num(vsRandom == null ? Double.NaN : vsRandom.mean()), num(vsRandom == null ? Double.NaN : vsRandom.std()),
                    num(gapStats.mean()), num(gapStats.std()), num(gapVsPlain.mean()), num(gapVsPlain.std()))).append('\n');
            settings.arms().stream().filter(a -> a.name().equals(b.name())).findFirst().ifPresent(a ->
                    verdicts.append(verdict(a, vsPlain, vsRandom, change, gapVsPlain)));
        }
        md.append("\nDoes the paper's direction hold (lower phi and higher psi give a lower test loss)? An effect counts as shown only when "
                + "the paired difference to the plain run is beyond one std and in the predicted direction, and the arm also beats its "
                + "random control by more than one std. A lower test loss that comes with an equally lower train loss is faster "
                + "optimisation, not better generalisation: the gap columns tell the two apart.\n\n").append(verdicts);
        dir.writeText("summary.csv", sum.toString());
        dir.writeText("summary.md", md.toString());
        plots(dir, plain);
    }

    private static String measure(String arm) {
        return arm.startsWith("phi") ? "phi" : arm.startsWith("psi") ? "psi" : "";
    }

    private static String verdict(GeneralizeSettings.Arm a, Stats vsPlain, Stats vsRandom, Stats change, Stats gapVsPlain) {
        boolean moved = change != null && (a.teleport().ascent() ? change.mean() > 0 : change.mean() < 0);
        boolean predicted = a.paperPredictsLowerTestLoss() ? vsPlain.mean() < -vsPlain.std() : vsPlain.mean() > vsPlain.std();
        boolean directed = vsRandom != null && (a.paperPredictsLowerTestLoss() ? vsRandom.mean() < -vsRandom.std() : vsRandom.mean() > vsRandom.std());
        String expectation = a.paperPredictsLowerTestLoss() ? "lower" : "higher";
        String gap = Math.abs(gapVsPlain.mean()) <= gapVsPlain.std() ? "unchanged within one std"
                : gapVsPlain.mean() > 0 ? "wider" : "narrower";
        return String.format(Locale.ROOT, "- **%s**: the teleports %s %s (change %s). The paper predicts a %s test loss than the plain run: "
                        + "measured %s (%s)%s. Generalisation gap (test − train) against the plain run: %s (%s).%n", a.name(), moved ? "moved" : "did NOT move", a.measure() + (a.teleport().ascent() ? " up" : " down"),
                change == null ? "n/a" : String.format(Locale.ROOT, "%+.3g", change.mean()), expectation, signed(vsPlain),
                predicted ? "held" : "not shown", vsRandom == null ? "" : "; against the random control " + signed(vsRandom)
                        + (directed ? " (a directed effect)" : " (not distinguishable from a random teleport of the same size)"),
                signed(gapVsPlain), gap);
    }

    private void plots(RunDirectory dir, List<GeneralizeExperiment.Trial> plain) {
        LinePlot test = new LinePlot("Test loss after the checkpoint (mean over runs)", "epoch", "test loss", false);
        LinePlot train = new LinePlot("Train loss after the checkpoint (mean over runs)", "epoch", "train loss", false);
        LinePlot diff = new LinePlot("Test loss minus the plain run (paired, mean ± std)", "epoch", "test loss − plain", false);
        for (GeneralizeExperiment.Branch b : branches) {
            List<GeneralizeExperiment.Trial> runs = runs(b.name());
            if (runs.isEmpty() || runs.size() != plain.size()) continue;
            int n = runs.get(0).metrics().size();
            double[] x = new double[n], testMean = new double[n], trainMean = new double[n], diffMean = new double[n], diffStd = new double[n];
            for (int e = 0; e < n; e++) {
                int epoch = e;
                x[e] = runs.get(0).metrics().get(e).epoch() + 1;
                double[] te = runs.stream().mapToDouble(t -> t.metrics().get(epoch).testLoss()).toArray();
                double[] tp = plain.stream().mapToDouble(t -> t.metrics().get(epoch).testLoss()).toArray();
                testMean[e] = Stats.of(te).mean();
                trainMean[e] = Stats.of(runs.stream().mapToDouble(t -> t.metrics().get(epoch).trainLoss()).toArray()).mean();
                Stats d = Stats.of(minus(te, tp));
                diffMean[e] = d.mean();
                diffStd[e] = d.std();
            }
            test.add(b.name(), new LinePlot.Line(x, testMean, null));
            train.add(b.name(), new LinePlot.Line(x, trainMean, null));
            diff.add(b.name(), new LinePlot.Line(x, diffMean, b.teleport() == null ? null : diffStd));
        }
        dir.write("test-loss.png", out -> out.write(test.png(900, 560)));
        dir.write("train-loss.png", out -> out.write(train.png(900, 560)));
        dir.write("test-loss-vs-plain.png", out -> out.write(diff.png(900, 560)));
    }

    private static String row(String arm, int run, EpochMetrics m) {
        return String.join(",", arm, Integer.toString(run), Integer.toString(m.epoch() + 1), num(m.trainLoss()), num(m.testLoss()),
                num(m.testAccuracy())) + "\n";
    }

    private static String signed(Stats s) {
        return String.format(Locale.ROOT, "%+.4f ± %.4f", s.mean(), s.std());
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
