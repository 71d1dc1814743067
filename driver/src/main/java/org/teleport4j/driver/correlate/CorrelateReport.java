package org.teleport4j.driver.correlate;

import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.report.ScatterPlot;
import org.teleport4j.driver.run.RunDirectory;

import java.util.List;
import java.util.Locale;

/**
 * The outputs of the correlate job: models.csv (one row per model), correlations.csv (every pair of measures:
 * Pearson and Spearman with p-values), correlations.md (Table 1 first: each measure against the test loss) and one
 * scatter plot per measure against the test loss.
 */
final class CorrelateReport {
    private static final String TARGET = "test_loss";

    private final TrainConfig cfg;
    private final MeasureSettings settings;
    private final List<ModelMeasures> models;

    CorrelateReport(TrainConfig cfg, MeasureSettings settings, List<ModelMeasures> models) {
        this.cfg = cfg;
        this.settings = settings;
        this.models = models;
    }

    double[] column(String measure) {
        return models.stream().mapToDouble(m -> m.value(measure)).toArray();
    }

    void write(RunDirectory dir) {
        StringBuilder csv = new StringBuilder(ModelMeasures.HEADER).append('\n');
        for (ModelMeasures m : models) csv.append(m.toCsv()).append('\n');
        dir.writeText("models.csv", csv.toString());
        dir.writeText("correlations.csv", correlationsCsv());
        dir.writeText("correlations.md", markdown());
        for (String measure : ModelMeasures.MEASURES) {
            if (measure.equals(TARGET)) continue;
            Correlation p = Correlation.pearson(column(measure), column(TARGET));
            String title = String.format(Locale.ROOT, "%s vs test loss (%d models, Pearson r = %.3f, p = %.3g)", measure, models.size(), p.r(), p.p());
            byte[] png = ScatterPlot.png(title, measure, column(measure), "test loss", column(TARGET), 800, 600);
            dir.write("plots/" + measure + "-vs-test-loss.png", out -> out.write(png));
        }
    }

    String correlationsCsv() {
        StringBuilder sb = new StringBuilder("x,y,n,pearson_r,pearson_p,spearman_rho,spearman_p\n");
        List<String> ms = ModelMeasures.MEASURES;
        for (int i = 0; i < ms.size(); i++)
            for (int j = i + 1; j < ms.size(); j++) {
                Correlation p = Correlation.pearson(column(ms.get(i)), column(ms.get(j)));
                Correlation s = Correlation.spearman(column(ms.get(i)), column(ms.get(j)));
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.6f,%.6g,%.6f,%.6g%n", ms.get(i), ms.get(j), p.n(), p.r(), p.p(), s.r(), s.p()));
            }
        return sb.toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# Correlation of sharpness and curvature with generalisation\n\n");
        sb.append(String.format(Locale.ROOT, "%d models of %s on %s (%d training images, %d epochs, %s lr %s, batch %d), differing only in the init seed. "
                        + "phi: %d radii from %s step %s, %d batches of %d; psi: %d curves on batches of %d; lambda_max and trace (%d probes) on %s training images.%n%n",
                models.size(), cfg.modelSpec(), cfg.data().dataset(), cfg.data().trainLimit(), cfg.training().epochs(),
                cfg.optimizer().kind(), cfg.optimizer().learningRate(), cfg.training().batchSize(), settings.radii(), settings.radiusFirst(),
                settings.radiusStep(), settings.sharpnessBatches(), settings.sharpnessBatchSize(), settings.curves(), settings.curveBatchSize(),
                settings.traceProbes(), settings.hessianExamples() == 0 ? "all" : String.valueOf(settings.hessianExamples())));
        sb.append("## Each measure against the test loss (Table 1)\n\n");
        sb.append("| measure | Pearson r | p | Spearman rho | p | mean ± std of the measure |\n|---|---|---|---|---|---|\n");
        for (String m : ModelMeasures.MEASURES) {
            if (m.equals(TARGET)) continue;
            sb.append(row(m, TARGET, true));
        }
        sb.append("\n## Between the measures\n\n| x | y | Pearson r | p | Spearman rho | p |\n|---|---|---|---|---|---|\n");
        List<String> ms = ModelMeasures.MEASURES.stream().filter(m -> !m.equals(TARGET)).toList();
        for (int i = 0; i < ms.size(); i++)
            for (int j = i + 1; j < ms.size(); j++) sb.append(row(ms.get(i), ms.get(j), false));
        sb.append("\nThe p-values are two-sided tests of zero correlation (t with n - 2 degrees of freedom; for Spearman the same on ranks).\n");
        return sb.toString();
    }

    private String row(String x, String y, boolean withSpread) {
        Correlation p = Correlation.pearson(column(x), column(y));
        Correlation s = Correlation.spearman(column(x), column(y));
        String head = withSpread ? "| " + x : "| " + x + " | " + y;
        String spread = "";
        if (withSpread) {
            org.teleport4j.driver.experiment.Stats st = org.teleport4j.driver.experiment.Stats.of(column(x));
            spread = String.format(Locale.ROOT, " | %.4g ± %.2g", st.mean(), st.std());
        }
        return String.format(Locale.ROOT, "%s | %.3f | %.3g | %.3f | %.3g%s |%n", head, p.r(), p.p(), s.r(), s.p(), spread);
    }
}
