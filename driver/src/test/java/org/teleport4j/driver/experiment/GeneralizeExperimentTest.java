package org.teleport4j.driver.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.teleport.TeleportLog;
import org.teleport4j.driver.train.LocalSparkTest;
import org.teleport4j.ops.data.RealData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The generalize job end to end on a tiny real-data setting: arms branch off one checkpoint, controls match, re-runs skip. */
class GeneralizeExperimentTest extends LocalSparkTest {

    @TempDir
    Path runs;

    private TrainConfig config(String... extra) {
        List<String> sets = new ArrayList<>(List.of("data.dir=" + RealData.dir(), "run.dir=" + runs, "data.train-limit=300",
                "data.test-limit=200", "training.epochs=4", "generalize.runs=2", "generalize.checkpoint-epoch=1",
                "generalize.teleport-epoch=2", "teleport.sample-size=100", "teleport.sharpness.directions=2",
                "teleport.sharpness.radii=3", "generalize.teleports.phi-down.calls=2", "generalize.teleports.phi-down.steps=2",
                "generalize.teleports.psi-up.calls=2", "generalize.arms=[phi-down, psi-up]", "spark.master=\"local[2]\""));
        sets.addAll(List.of(extra));
        return TrainConfig.from(ConfigLoader.load(List.of(Path.of("../conf/generalize-quick.conf").toFile()), sets));
    }

    private static List<GeneralizeExperiment.Trial> arm(List<GeneralizeExperiment.Trial> all, String arm) {
        return all.stream().filter(t -> t.arm().equals(arm)).sorted(java.util.Comparator.comparingInt(GeneralizeExperiment.Trial::run)).toList();
    }

    @Test
    void armsBranchOffOneCheckpointWithMatchedRandomControlsAndFinishedTrialsAreSkipped() throws Exception {
        TrainConfig cfg = config();
        GeneralizeExperiment exp = new GeneralizeExperiment(cfg);
        assertEquals(List.of("plain", "phi-down", "phi-down/random", "psi-up", "psi-up/random"),
                exp.branches().stream().map(GeneralizeExperiment.Branch::name).toList());
        RunDirectory dir = new RunDirectory(cfg.runDir(), sc.hadoopConfiguration());
        List<String> progress = new ArrayList<>();
        List<GeneralizeExperiment.Trial> trials = exp.run(sc, dir, progress::add);
        assertEquals(5 * 2, trials.size());

        for (GeneralizeExperiment.Trial t : trials) {
            assertEquals(List.of(1, 2, 3), t.metrics().stream().map(EpochMetrics::epoch).toList(), "epochs after the checkpoint only");
            assertEquals(t.arm().equals("plain") ? 0 : 2, t.teleports().size(), t.arm() + ": teleport calls");
            for (TeleportLog.Entry e : t.teleports()) assertEquals(2, e.epoch(), "teleports in the teleport epoch");
        }
        List<GeneralizeExperiment.Trial> plain = arm(trials, "plain"), phi = arm(trials, "phi-down"), random = arm(trials, "phi-down/random");
        // Epoch 2 (index 1) ends after the teleports: the arms agree with the plain run until then (same checkpoint, same data order).
        for (int r = 0; r < 2; r++) {
            assertEquals(plain.get(r).metrics().get(0).testLoss(), phi.get(r).metrics().get(0).testLoss(), 1e-12, "same trunk before the teleports");
            assertNotEquals(plain.get(r).metrics().get(2).testLoss(), phi.get(r).metrics().get(2).testLoss(), "the teleport changed the run");
            for (int c = 0; c < 2; c++) {
                TeleportLog.Entry directed = phi.get(r).teleports().get(c), control = random.get(r).teleports().get(c);
                assertEquals("teleport", directed.mode());
                assertEquals("random", control.mode());
                assertTrue(directed.objectiveAfter() < directed.objectiveBefore(), "phi-down lowers phi on its batch: " + directed);
                assertTrue(control.stepsAccepted() <= directed.stepsAccepted() || control.stepsAccepted() == 2);
            }
            // psi's teleport calls each draw a fresh generator: the objective values differ between calls
            List<TeleportLog.Entry> psi = arm(trials, "psi-up").get(r).teleports();
            assertNotEquals(psi.get(0).objectiveBefore(), psi.get(1).objectiveBefore());
        }
        assertNotEquals(plain.get(0).metrics().get(2).testLoss(), plain.get(1).metrics().get(2).testLoss(), "different seeds");

        Path out = runs.resolve(cfg.runId());
        for (String f : List.of("results.csv", "teleports.csv", "summary.csv", "summary.md", "base/seed-42.csv", "base/seed-43/checkpoints/latest.properties"))
            assertTrue(Files.exists(out.resolve(f)), f);
        assertEquals(1 + 2 * 1 + 10 * 3, Files.readAllLines(out.resolve("results.csv")).size(), "trunk rows + arm rows");
        assertEquals(1 + 4 * 2 * 2, Files.readAllLines(out.resolve("teleports.csv")).size(), "4 teleporting arms x 2 runs x 2 calls");
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| phi-down | 2 x 2 |") && md.contains("**psi-up**") && md.contains("random control"), md);
        for (String png : List.of("test-loss.png", "train-loss.png", "test-loss-vs-plain.png"))
            assertTrue(Files.size(out.resolve(png)) > 1000, png);

        progress.clear();
        Files.delete(out.resolve("trials/psi-up__s1.csv"));
        List<GeneralizeExperiment.Trial> again = exp.run(sc, dir, progress::add);
        assertTrue(progress.get(0).contains("(0 trunks to train"), progress.get(0));
        assertTrue(progress.get(1).contains("(9 already done)"), progress.get(1));
        // finished trials come back from their files with their teleport logs
        assertEquals(phi.get(0).teleports().stream().map(TeleportLog.Entry::objectiveAfter).toList(),
                arm(again, "phi-down").get(0).teleports().stream().map(TeleportLog.Entry::objectiveAfter).toList());
        // the re-run trial is the same trial: training and teleports are deterministic given the seeds
        assertEquals(arm(trials, "psi-up").get(1).metrics().get(2).testLoss(), arm(again, "psi-up").get(1).metrics().get(2).testLoss(), 1e-12);
    }

    @Test
    void rejectsUnknownArmsAndOrderlessEpochsNamingTheKeys() {
        String m = assertThrows(BadConfigException.class, () -> new GeneralizeExperiment(config("generalize.arms=[phi-sideways]"))).getMessage();
        assertTrue(m.contains("generalize.arms") && m.contains("phi-sideways"), m);
        m = assertThrows(BadConfigException.class, () -> new GeneralizeExperiment(config("generalize.teleport-epoch=0"))).getMessage();
        assertTrue(m.contains("generalize.teleport-epoch"), m);
        m = assertThrows(BadConfigException.class, () -> new GeneralizeExperiment(config("generalize.teleports.phi-down.objective=grad-norm"))).getMessage();
        assertTrue(m.contains("objective"), m);
    }
}
