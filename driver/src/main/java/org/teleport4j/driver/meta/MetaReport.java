package org.teleport4j.driver.meta;

import org.teleport4j.driver.experiment.Stats;
import org.teleport4j.driver.report.LinePlot;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.ops.meta.MetaKind;
import org.teleport4j.ops.meta.MetaTrainingSettings;
import org.teleport4j.ops.meta.Trajectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outputs of the meta job: evaluation.csv (per method and step: mean and std of the loss over the test
 * trajectories, mean seconds, and every trajectory's loss), training.csv (each meta-optimiser's training curve),
 * plots/loss-vs-step.png (first meta.test.plot-steps steps, log y), plots/loss-vs-time.png, plots/meta-training.png
 * and summary.md (the table and the plain answer).
 */
final class MetaReport {
    private final MetaSettings settings;
    private final Map<String, MetaExperiment.Evaluation> evals;
    private final Map<MetaKind, String> curves;

    MetaReport(MetaSettings settings, Map<String, MetaExperiment.Evaluation> evals, Map<MetaKind, String> curves) {
        this.settings = settings;
        this.evals = evals;
        this.curves = curves;
    }

    void write(RunDirectory dir) {
        dir.writeText("evaluation.csv", evaluationCsv());
        StringBuilder training = new StringBuilder("optimizer,trajectory,mean_loss\n");
        for (String c : curves.values()) c.lines().skip(1).forEach(l -> training.append(l).append('\n'));
        dir.writeText("training.csv", training.toString());
        byte[] step = stepPlot().png(900, 600), time = timePlot().png(900, 600), train = trainingPlot().png(900, 600);
        dir.write("plots/loss-vs-step.png", out -> out.write(step));
        dir.write("plots/loss-vs-time.png", out -> out.write(time));
        dir.write("plots/meta-training.png", out -> out.write(train));
        dir.writeText("summary.md", markdown());
    }

    /** The test losses of a method at one step, one per trajectory. */
    double[] lossesAt(String method, int step) {
        return evals.get(method).runs().stream().mapToDouble(t -> t.loss()[step]).toArray();
    }

    private double[] secondsAt(String method, int step) {
        return evals.get(method).runs().stream().mapToDouble(t -> t.seconds()[step]).toArray();
    }

    String evaluationCsv() {
        StringBuilder sb = new StringBuilder("method,step,loss_mean,loss_std,seconds_mean");
        for (int j = 0; j < settings.testTrajectories(); j++) sb.append(",loss_t").append(j);
        sb.append('\n');
        for (String m : evals.keySet())
            for (int s = 0; s <= settings.testSteps(); s++) {
                double[] l = lossesAt(m, s);
                Stats st = Stats.of(l);
                sb.append(String.format(Locale.ROOT, "%s,%d,%.10g,%.10g,%.6g", m, s, st.mean(), st.std(), Stats.of(secondsAt(m, s)).mean()));
                for (double v : l) sb.append(String.format(Locale.ROOT, ",%.10g", v));
                sb.append('\n');
            }
        return sb.toString();
    }

    /** Log-scale plots need positive finite values: a diverged method's line stops where it leaves that range. */
    private static LinePlot.Line line(double[] x, double[] y) {
        int k = 0;
        while (k < y.length && Double.isFinite(y[k]) && y[k] > 0 && y[k] < 1e30) k++;
        return new LinePlot.Line(java.util.Arrays.copyOf(x, Math.max(k, 1)), java.util.Arrays.copyOf(y, Math.max(k, 1)), null);
    }

    LinePlot stepPlot() {
        LinePlot p = new LinePlot(String.format(Locale.ROOT, "Unseen tasks: mean loss of %d trajectories", settings.testTrajectories()),
                "step", "loss", true);
        int steps = settings.plotSteps();
        for (String m : evals.keySet()) {
            double[] x = new double[steps + 1], y = new double[steps + 1];
            for (int s = 0; s <= steps; s++) {
                x[s] = s;
                y[s] = Stats.of(lossesAt(m, s)).mean();
            }
            p.add(m, line(x, y));
        }
        return p;
    }

    LinePlot timePlot() {
        LinePlot p = new LinePlot("Unseen tasks: mean loss vs wall-clock (mean over trajectories)", "seconds", "loss", true);
        for (String m : evals.keySet()) {
            double[] x = new double[settings.testSteps() + 1], y = new double[settings.testSteps() + 1];
            for (int s = 0; s <= settings.testSteps(); s++) {
                x[s] = Stats.of(secondsAt(m, s)).mean();
                y[s] = Stats.of(lossesAt(m, s)).mean();
            }
            p.add(m, line(x, y));
        }
        return p;
    }

    LinePlot trainingPlot() {
        LinePlot p = new LinePlot("Meta-training: mean loss of each training trajectory", "training trajectory", "mean loss", true);
        for (Map.Entry<MetaKind, String> e : curves.entrySet()) {
            List<double[]> pts = new ArrayList<>();
            e.getValue().lines().skip(1).forEach(l -> {
                String[] f = l.split(",");
                double v = Double.parseDouble(f[2]);
                if (Double.isFinite(v) && v > 0) pts.add(new double[]{Double.parseDouble(f[1]), v});
            });
            if (pts.isEmpty()) continue;
            p.add(e.getKey().label(), new LinePlot.Line(pts.stream().mapToDouble(a -> a[0]).toArray(), pts.stream().mapToDouble(a -> a[1]).toArray(), null));
        }
        return p;
    }

    private static String fmt(Stats s) {
        return String.format(Locale.ROOT, "%.4g ± %.3g", s.mean(), s.std());
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# Learning to teleport (paper Figure 6)\n\n");
        sb.append(String.format(Locale.ROOT, "Regression with one hidden layer, X, Y, W0, W1 all %dx%d with U[0,1) entries, loss 0.5||Y - W1 sigma(W0 X)||^2, "
                + "sigma = LeakyReLU(0.1). Meta-training: windows of %d steps, Adam; LSTM inputs scaled by %s, update outputs by %s.%n%n",
                settings.n(), settings.n(), settings.window(), settings.inputScale(), settings.outputScale()));
        sb.append("| meta-optimiser | hidden | training trajectories x steps | meta learning rate |\n|---|---|---|---|\n");
        for (MetaTrainingSettings s : settings.optimizers().values())
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d x %d | %s |%n", s.kind().label(), s.hidden(), s.trajectories(), s.steps(), s.metaLr()));
        sb.append(String.format(Locale.ROOT, "%nEvaluation: %d unseen trajectories (seeds %d..%d), %d steps; GD with lr %s.%n%n",
                settings.testTrajectories(), settings.testSeed(), settings.testSeed() + settings.testTrajectories() - 1, settings.testSteps(),
                settings.gdLearningRate()));
        int[] steps = reportSteps();
        sb.append("## Loss on unseen tasks (mean ± std over trajectories)\n\n| method |");
        for (int s : steps) sb.append(" step ").append(s).append(" |");
        sb.append(" seconds for ").append(settings.testSteps()).append(" steps |\n|---|");
        for (int ignored : steps) sb.append("---|");
        sb.append("---|\n");
        for (String m : evals.keySet()) {
            sb.append("| ").append(m).append(" |");
            for (int s : steps) sb.append(' ').append(fmt(Stats.of(lossesAt(m, s)))).append(" |");
            sb.append(String.format(Locale.ROOT, " %.3f |%n", Stats.of(secondsAt(m, settings.testSteps())).mean()));
        }
        sb.append("\n## Does learned teleportation help?\n\n");
        for (int s : steps) sb.append(answer(s)).append('\n');
        sb.append("\n(\"beats\" compares mean losses; \"k of n\" counts the test trajectories on which it is lower, paired by task.)\n");
        return sb.toString();
    }

    int[] reportSteps() {
        int[] r = settings.reportSteps();
        return r.length > 0 ? r : new int[]{settings.testSteps()};
    }

    /** The plain answer at one step: the better teleporting optimiser against LSTM(update) and against GD. */
    String answer(int step) {
        String lr = MetaKind.LR_TELE.label(), up = MetaKind.UPDATE_TELE.label(), plain = MetaKind.UPDATE.label();
        double mLr = Stats.of(lossesAt(lr, step)).mean(), mUp = Stats.of(lossesAt(up, step)).mean();
        String best = !(mUp < mLr) ? lr : up;
        double mBest = Math.min(nanToInf(mLr), nanToInf(mUp));
        return String.format(Locale.ROOT, "- step %d: the better teleporting optimiser, %s (%.4g), %s LSTM(update) (%.4g; lower on %d of %d tasks) and %s GD (%.4g; lower on %d of %d tasks).",
                step, best, mBest, verdict(mBest, Stats.of(lossesAt(plain, step)).mean()), Stats.of(lossesAt(plain, step)).mean(),
                lowerCount(best, plain, step), settings.testTrajectories(),
                verdict(mBest, Stats.of(lossesAt(MetaExperiment.GD, step)).mean()), Stats.of(lossesAt(MetaExperiment.GD, step)).mean(),
                lowerCount(best, MetaExperiment.GD, step), settings.testTrajectories());
    }

    private static double nanToInf(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static String verdict(double a, double b) {
        return nanToInf(a) < nanToInf(b) ? "beats" : "does not beat";
    }

    private int lowerCount(String a, String b, int step) {
        double[] x = lossesAt(a, step), y = lossesAt(b, step);
        int k = 0;
        for (int i = 0; i < x.length; i++) if (nanToInf(x[i]) < nanToInf(y[i])) k++;
        return k;
    }
}
