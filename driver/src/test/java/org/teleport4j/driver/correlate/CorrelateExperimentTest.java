package org.teleport4j.driver.correlate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.train.LocalSparkTest;
import org.teleport4j.ops.data.RealData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The correlate job end to end on a tiny real-data setting: every output written, finished models skipped on re-run. */
class CorrelateExperimentTest extends LocalSparkTest {

    @TempDir
    Path runs;

    private TrainConfig config(String... extra) {
        List<String> sets = new ArrayList<>(List.of("data.dir=" + RealData.dir(), "run.dir=" + runs, "data.train-limit=300",
                "data.test-limit=200", "training.epochs=1", "correlate.models=3", "measure.sharpness.batches=2",
                "measure.sharpness.batch-size=50", "measure.sharpness.radii=3", "measure.curvature.curves=2",
                "measure.curvature.batch-size=50", "measure.hessian.examples=100", "measure.hessian.trace-probes=3",
                "measure.hessian.lanczos-iterations=30", "spark.master=\"local[2]\""));
        sets.addAll(List.of(extra));
        return TrainConfig.from(ConfigLoader.load(List.of(Path.of("../conf/correlate-quick.conf").toFile()), sets));
    }

    @Test
    void writesEveryOutputAndSkipsFinishedModels() throws Exception {
        TrainConfig cfg = config();
        CorrelateExperiment exp = new CorrelateExperiment(cfg);
        RunDirectory dir = new RunDirectory(cfg.runDir(), sc.hadoopConfiguration());
        List<String> progress = new ArrayList<>();
        List<ModelMeasures> models = exp.run(sc, dir, progress::add);
        assertEquals(3, models.size());
        for (ModelMeasures m : models) {
            assertTrue(m.phi() > 0 && m.psi() > 0 && m.lambdaMax() > 0 && Double.isFinite(m.trace()), m.toString());
            // phi averages losses at positive radii around a point of training loss train_loss: near it for small radii
            assertEquals(m.trainLoss(), m.phi(), 0.5 * m.trainLoss(), "phi near the training loss at small radii");
        }
        assertNotEquals(models.get(0).testLoss(), models.get(1).testLoss(), "different seeds, different models");

        Path out = runs.resolve(cfg.runId());
        assertEquals(1 + 3, Files.readAllLines(out.resolve("models.csv")).size());
        assertEquals(1 + 21, Files.readAllLines(out.resolve("correlations.csv")).size(), "every pair of 7 measures");
        String md = Files.readString(out.resolve("correlations.md"));
        assertTrue(md.contains("| phi |") && md.contains("| psi |") && md.contains("| lambda_max |"), md);
        for (String m : List.of("phi", "psi", "lambda_max", "trace"))
            assertTrue(Files.size(out.resolve("plots/" + m + "-vs-test-loss.png")) > 1000, "a real PNG for " + m);
        // the per-model files round-trip to the same rows
        assertEquals(models.get(2), CorrelateExperiment.readModelFile(Files.readString(out.resolve("models/m2.csv"))));

        progress.clear();
        Files.delete(out.resolve("models/m1.csv"));
        List<ModelMeasures> again = exp.run(sc, dir, progress::add);
        assertTrue(progress.get(0).contains("(2 already done)"), progress.get(0));
        // the retrained model is the same model: training and measuring are deterministic given the seeds
        assertEquals(models.get(1).testLoss(), again.get(1).testLoss(), 1e-12);
        assertEquals(models.get(1).phi(), again.get(1).phi(), 1e-12);
    }

    @Test
    void rejectsTooFewModelsNamingTheKey() {
        BadConfigException e = assertThrows(BadConfigException.class, () -> new CorrelateExperiment(config("correlate.models=2")));
        assertTrue(e.getMessage().contains("correlate.models") && e.getMessage().contains("2"), e.getMessage());
    }
}
