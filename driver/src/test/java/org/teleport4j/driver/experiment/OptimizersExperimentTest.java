package org.teleport4j.driver.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.train.LocalSparkTest;
import org.teleport4j.ops.data.RealData;
import org.teleport4j.ops.model.OptimizerKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The optimizers experiment end to end on a tiny real-data setting: arms, outputs, and skipping finished trials. */
class OptimizersExperimentTest extends LocalSparkTest {

    @TempDir
    Path runs;

    @Test
    void runsEveryArmPairedWritesTheReportAndSkipsFinishedTrials() throws Exception {
        TrainConfig cfg = TrainConfig.from(ConfigLoader.load(List.of(Path.of("../conf/optimizers-quick.conf").toFile()), List.of(
                "data.dir=" + RealData.dir(), "run.dir=" + runs, "data.train-limit=300", "data.test-limit=200", "training.epochs=3",
                "optimizers.kinds=[adagrad]", "optimizers.seeds=2", "optimizers.paper.adagrad.teleport-epoch=1",
                "optimizers.teleport-rounds=2", "teleport.steps=3", "spark.master=\"local[2]\"")));
        OptimizersExperiment exp = new OptimizersExperiment(cfg);
        List<String> arms = exp.arms(OptimizerKind.ADAGRAD).stream().map(OptimizersExperiment.Arm::name).toList();
        assertEquals(List.of("baseline", "lr-x0.5", "lr-x2", "reset-only", "form-a/reset", "form-a/keep", "scaling/reset",
                "scaling/keep", "scaling/transport"), arms);

        RunDirectory dir = new RunDirectory(cfg.runDir(), sc.hadoopConfiguration());
        List<String> progress = new ArrayList<>();
        List<OptimizersExperiment.TrialResult> results = exp.run(sc, dir, progress::add);
        assertEquals(9 * 2, results.size());
        Path out = runs.resolve(cfg.runId());
        assertTrue(Files.exists(out.resolve("summary.md")) && Files.exists(out.resolve("results.csv")));
        assertTrue(Files.size(out.resolve("plots/adagrad-train-loss-by-epoch.png")) > 1000, "a real PNG");
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("strongest control"), summary);
        assertEquals(1 + 18 * 3, Files.readAllLines(out.resolve("results.csv")).size());

        // Paired seeds: every arm of a seed starts from the same initialisation, so arms that do nothing different
        // before the teleport epoch agree exactly in epoch 1.
        double base = results.stream().filter(r -> r.arm().equals("baseline") && r.seed() == 0).findFirst().orElseThrow()
                .outcome().metrics().get(0).trainLoss();
        double tele = results.stream().filter(r -> r.arm().equals("scaling/reset") && r.seed() == 0).findFirst().orElseThrow()
                .outcome().metrics().get(0).trainLoss();
        assertEquals(base, tele, 0.0, "teleports start at epoch 2: epoch 1 is identical");

        progress.clear();
        exp.run(sc, dir, progress::add);
        assertTrue(progress.get(0).contains("(18 already done)"), progress.get(0));
    }
}
