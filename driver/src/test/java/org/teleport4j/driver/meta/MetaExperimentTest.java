package org.teleport4j.driver.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.train.LocalSparkTest;
import org.teleport4j.ops.meta.MetaKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The meta job end to end on a tiny setting: every output written, trained optimisers reused on re-run. */
class MetaExperimentTest extends LocalSparkTest {

    @TempDir
    Path runs;

    private TrainConfig config(String... extra) {
        List<String> sets = new ArrayList<>(List.of("run.dir=" + runs, "meta.n=3", "meta.window=3", "meta.input-scale=0.05",
                "meta.output-scale=0.01", "meta.lr-tele.hidden=4", "meta.lr-tele.trajectories=2", "meta.lr-tele.steps=6",
                "meta.update-tele.hidden=4", "meta.update-tele.trajectories=2", "meta.update-tele.steps=6",
                "meta.update.hidden=4", "meta.update.trajectories=2", "meta.update.steps=6",
                "meta.test.trajectories=2", "meta.test.steps=6", "meta.test.plot-steps=4", "meta.test.report-steps=[3, 6]",
                "spark.master=\"local[2]\""));
        sets.addAll(List.of(extra));
        return TrainConfig.from(ConfigLoader.load(List.of(Path.of("../conf/meta-quick.conf").toFile()), sets));
    }

    @Test
    void writesEveryOutputAndReusesTrainedOptimizers() throws Exception {
        TrainConfig cfg = config();
        MetaExperiment exp = new MetaExperiment(cfg);
        RunDirectory dir = new RunDirectory(cfg.runDir(), sc.hadoopConfiguration());
        List<String> progress = new ArrayList<>();
        Map<String, MetaExperiment.Evaluation> evals = exp.run(sc, dir, progress::add);
        assertEquals(List.of("GD", "LSTM(lr, tele)", "LSTM(update, tele)", "LSTM(update)"), List.copyOf(evals.keySet()));
        for (MetaExperiment.Evaluation e : evals.values()) {
            assertEquals(2, e.runs().size());
            assertEquals(7, e.runs().get(0).loss().length);
        }
        // Every method starts each test task from the same point.
        assertEquals(evals.get("GD").runs().get(1).loss()[0], evals.get("LSTM(update)").runs().get(1).loss()[0]);

        Path out = runs.resolve(cfg.runId());
        for (MetaKind k : MetaKind.values()) assertTrue(Files.size(out.resolve("optimizers/" + k.id() + ".meta")) > 100, k.id());
        List<String> csv = Files.readAllLines(out.resolve("evaluation.csv"));
        assertEquals("method,step,loss_mean,loss_std,seconds_mean,loss_t0,loss_t1", csv.get(0));
        assertEquals(1 + 4 * 7, csv.size());
        assertEquals(1 + 3 * 2, Files.readAllLines(out.resolve("training.csv")).size());
        for (String p : List.of("loss-vs-step", "loss-vs-time", "meta-training"))
            assertTrue(Files.size(out.resolve("plots/" + p + ".png")) > 1000, p);
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| step 3 |") && md.contains("| step 6 |") && md.contains("- step 6: the better teleporting optimiser"), md);

        byte[] before = Files.readAllBytes(out.resolve("optimizers/update.meta"));
        progress.clear();
        exp.run(sc, dir, progress::add);
        assertTrue(progress.get(0).contains("training 0 meta-optimiser(s)") && progress.get(0).contains("3 already trained"), progress.get(0));
        assertArrayEquals(before, Files.readAllBytes(out.resolve("optimizers/update.meta")));
    }

    @Test
    void testSeedsMustBeDisjointFromTrainingSeeds() {
        BadConfigException e = assertThrows(BadConfigException.class,
                () -> new MetaExperiment(config("meta.train-seed=100", "meta.test.seed=101")));
        assertTrue(e.getMessage().contains("meta.test.seed = 101"), e.getMessage());
        e = assertThrows(BadConfigException.class, () -> new MetaExperiment(config("meta.test.report-steps=[7]")));
        assertTrue(e.getMessage().contains("meta.test.report-steps"), e.getMessage());
        e = assertThrows(BadConfigException.class, () -> new MetaExperiment(config("meta.update.hidden=0")));
        assertTrue(e.getMessage().contains("meta.update.hidden = 0"), e.getMessage());
    }
}
