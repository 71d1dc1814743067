package org.teleport4j.driver.sweep;

import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.experiment.Stats;
import org.teleport4j.driver.report.LinePlot;
import org.teleport4j.driver.run.RunDirectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The sweep's summary per arm (every grid key but the seed): mean +/- std over the arm's trials (its seeds) of the
 * final-epoch train loss, test loss and test accuracy, with time and teleports. Writes summary.md, summary.csv,
 * plots/test-loss-by-epoch.png and plots/train-loss-by-epoch.png (mean per arm, +/- std band) and report.html,
 * which shows the summary, the plots and every trial's final epoch, and links the full table.
 */
public final class SweepReport {
    public static final String SUMMARY_MD = "summary.md";
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String HTML = "report.html";
    public static final String TEST_LOSS_PNG = "plots/test-loss-by-epoch.png";
    public static final String TRAIN_LOSS_PNG = "plots/train-loss-by-epoch.png";

    /** One arm's numbers. */
    public record ArmSummary(String arm, Map<String, String> values, int trials, int epochs, Stats trainLoss, Stats testLoss,
                             Stats testAccuracy, Stats seconds, Stats teleports, Stats teleportSeconds) {
    }

    private final TrainConfig cfg;
    private final SweepSettings settings;
    private final List<SweepResult> results;

    public SweepReport(TrainConfig cfg, SweepSettings settings, List<SweepResult> results) {
        this.cfg = cfg;
        this.settings = settings;
        this.results = results;
    }

    /** The trials of each arm, arms in grid order. */
    Map<String, List<SweepResult>> byArm() {
        Map<String, List<SweepResult>> out = new LinkedHashMap<>();
        for (SweepResult r : results) out.computeIfAbsent(r.trial().arm(), a -> new ArrayList<>()).add(r);
        return out;
    }

    public List<ArmSummary> summaries() {
        List<ArmSummary> out = new ArrayList<>();
        byArm().forEach((arm, rs) -> {
            Map<String, String> values = new LinkedHashMap<>(rs.get(0).trial().values());
            values.remove(SweepGrid.SEED_KEY);
            out.add(new ArmSummary(arm, values, rs.size(), rs.get(0).epochs().rows().size(),
                    stats(rs, r -> r.epochs().last().trainLoss()), stats(rs, r -> r.epochs().last().testLoss()),
                    stats(rs, r -> r.epochs().last().testAccuracy()),
                    stats(rs, r -> r.epochs().rows().stream().mapToDouble(TrialEpochs.Row::seconds).sum()),
                    stats(rs, r -> r.epochs().rows().stream().mapToInt(TrialEpochs.Row::teleports).sum()),
                    stats(rs, r -> r.epochs().rows().stream().mapToDouble(TrialEpochs.Row::teleportSeconds).sum())));
        });
        return out;
    }

    private static Stats stats(List<SweepResult> rs, ToDoubleFunction<SweepResult> f) {
        return Stats.of(rs.stream().mapToDouble(f).toArray());
    }

    public void write(RunDirectory dir) {
        List<ArmSummary> arms = summaries();
        dir.write(TEST_LOSS_PNG, out -> out.write(plot("test loss", TrialEpochs.Row::testLoss)));
        dir.write(TRAIN_LOSS_PNG, out -> out.write(plot("train loss", TrialEpochs.Row::trainLoss)));
        dir.writeText(SUMMARY_CSV, csv(arms));
        dir.writeText(SUMMARY_MD, markdown(arms));
        dir.writeText(HTML, html(arms));
    }

    /** Mean (+/- std band) of a per-epoch measure over each arm's trials, one line per arm. */
    byte[] plot(String what, ToDoubleFunction<TrialEpochs.Row> f) {
        LinePlot plot = new LinePlot(what + " by epoch (mean ± std over seeds)", "epoch", what, false);
        byArm().forEach((arm, rs) -> {
            int epochs = rs.stream().mapToInt(r -> r.epochs().rows().size()).min().orElse(0);
            double[] x = new double[epochs], y = new double[epochs], sd = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                int i = e;
                Stats s = Stats.of(rs.stream().mapToDouble(r -> f.applyAsDouble(r.epochs().rows().get(i))).toArray());
                x[e] = e + 1;
                y[e] = s.mean();
                sd[e] = s.std();
            }
            plot.add(arm, new LinePlot.Line(x, y, sd));
        });
        return plot.png(1000, 650);
    }

    private List<String> armKeys() {
        return settings.grid().keys().stream().filter(k -> !k.equals(SweepGrid.SEED_KEY)).toList();
    }

    String csv(List<ArmSummary> arms) {
        List<String> header = new ArrayList<>(List.of("arm"));
        armKeys().forEach(k -> header.add(SweepTable.column(k)));
        header.addAll(List.of("trials", "epochs", "final_train_loss_mean", "final_train_loss_std", "final_test_loss_mean",
                "final_test_loss_std", "final_test_accuracy_mean", "final_test_accuracy_std", "seconds_mean", "teleports_mean",
                "teleport_seconds_mean"));
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (ArmSummary a : arms) {
            List<String> f = new ArrayList<>(List.of(a.arm()));
            armKeys().forEach(k -> f.add(a.values().get(k)));
            f.addAll(List.of(String.valueOf(a.trials()), String.valueOf(a.epochs()), num(a.trainLoss().mean()), num(a.trainLoss().std()),
                    num(a.testLoss().mean()), num(a.testLoss().std()), num(a.testAccuracy().mean()), num(a.testAccuracy().std()),
                    num(a.seconds().mean()), num(a.teleports().mean()), num(a.teleportSeconds().mean())));
            sb.append(String.join(",", f.stream().map(SweepTable::quote).toList())).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return String.valueOf(v);
    }

    /** What was swept, in one paragraph. */
    private String description() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d trials, %s. Base settings: %s on %s (train limit %d, test limit %d), %d epochs, batch %d.",
                results.size(), settings.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'), cfg.modelSpec(),
                cfg.data().dataset().folder(), cfg.data().trainLimit(), cfg.data().testLimit(), cfg.training().epochs(), cfg.training().batchSize()));
        sb.append(" Grid:");
        for (String k : settings.grid().keys())
            sb.append(' ').append(k).append(" = ").append(settings.grid().values(k).stream().map(SweepGrid::text).toList()).append(';');
        sb.append(" Final epoch, mean ± std over each arm's trials (seeds).");
        return sb.toString();
    }

    private static final List<String> TABLE_HEAD = List.of("trials", "final train loss", "final test loss", "final test acc",
            "train s", "teleports", "teleport s");

    private static List<String> cells(ArmSummary a) {
        return List.of(String.valueOf(a.trials()), a.trainLoss().toString(), a.testLoss().toString(),
                String.format(Locale.ROOT, "%.2f%% ± %.2f", 100 * a.testAccuracy().mean(), 100 * a.testAccuracy().std()),
                String.format(Locale.ROOT, "%.1f", a.seconds().mean()), String.format(Locale.ROOT, "%.1f", a.teleports().mean()),
                String.format(Locale.ROOT, "%.1f", a.teleportSeconds().mean()));
    }

    String markdown(List<ArmSummary> arms) {
        StringBuilder sb = new StringBuilder("# Sweep ").append(cfg.runId()).append("\n\n").append(description()).append("\n\n");
        List<String> head = new ArrayList<>(armKeys());
        head.addAll(TABLE_HEAD);
        sb.append("| ").append(String.join(" | ", head)).append(" |\n|").append("---|".repeat(head.size())).append('\n');
        for (ArmSummary a : arms) {
            List<String> row = new ArrayList<>();
            armKeys().forEach(k -> row.add(a.values().get(k)));
            row.addAll(cells(a));
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        sb.append("\nFull table: ").append(SweepTable.CSV).append(" and ").append(SweepTable.PARQUET)
                .append(" (a row per trial and epoch); plots: ").append(TEST_LOSS_PNG).append(", ").append(TRAIN_LOSS_PNG).append('\n');
        return sb.toString();
    }

    String html(List<ArmSummary> arms) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sweep ").append(esc(cfg.runId()))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}</style></head><body>\n");
        sb.append("<h1>Sweep ").append(esc(cfg.runId())).append("</h1>\n<p>").append(esc(description())).append("</p>\n");
        sb.append("<h2>Per arm</h2>\n<table><tr>");
        for (String h : armKeys()) sb.append("<th>").append(esc(h)).append("</th>");
        for (String h : TABLE_HEAD) sb.append("<th>").append(esc(h)).append("</th>");
        sb.append("</tr>\n");
        for (ArmSummary a : arms) {
            sb.append("<tr>");
            for (String k : armKeys()) sb.append("<td>").append(esc(a.values().get(k))).append("</td>");
            for (String c : cells(a)) sb.append("<td>").append(esc(c)).append("</td>");
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<p>Also as <a href=\"").append(SUMMARY_CSV).append("\">").append(SUMMARY_CSV).append("</a>.</p>\n");
        sb.append("<h2>Loss by epoch</h2>\n");
        for (String png : List.of(TEST_LOSS_PNG, TRAIN_LOSS_PNG))
            sb.append("<p><a href=\"").append(png).append("\"><img src=\"").append(png).append("\" alt=\"").append(png)
                    .append("\" style=\"max-width:100%\"></a></p>\n");
        sb.append("<h2>Trials (final epoch)</h2>\n<p>The full table, a row per trial and epoch: <a href=\"").append(SweepTable.CSV)
                .append("\">").append(SweepTable.CSV).append("</a>, <code>").append(SweepTable.PARQUET).append("</code> (Spark SQL).</p>\n<table><tr>");
        List<String> head = new ArrayList<>(List.of("trial"));
        head.addAll(settings.grid().keys());
        head.addAll(List.of("epochs", "train loss", "test loss", "test acc", "train s", "teleports"));
        for (String h : head) sb.append("<th>").append(esc(h)).append("</th>");
        sb.append("</tr>\n");
        for (SweepResult r : results) {
            TrialEpochs.Row last = r.epochs().last();
            List<String> row = new ArrayList<>(List.of(r.trial().id()));
            settings.grid().keys().forEach(k -> row.add(r.trial().values().get(k)));
            row.addAll(List.of(String.valueOf(r.epochs().rows().size()), String.format(Locale.ROOT, "%.4f", last.trainLoss()),
                    String.format(Locale.ROOT, "%.4f", last.testLoss()), String.format(Locale.ROOT, "%.2f%%", 100 * last.testAccuracy()),
                    String.format(Locale.ROOT, "%.1f", r.epochs().rows().stream().mapToDouble(TrialEpochs.Row::seconds).sum()),
                    String.valueOf(r.epochs().rows().stream().mapToInt(TrialEpochs.Row::teleports).sum())));
            sb.append("<tr>");
            for (String c : row) sb.append("<td>").append(esc(c)).append("</td>");
            sb.append("</tr>\n");
        }
        sb.append("</table>\n</body></html>\n");
        return sb.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
