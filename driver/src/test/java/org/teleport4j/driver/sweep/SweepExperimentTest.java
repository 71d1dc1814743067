package org.teleport4j.driver.sweep;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The sweep end to end on tiny real-data settings: trial ids, the Parquet/CSV table, the report, and re-runs that train nothing. */
class SweepExperimentTest extends LocalSparkTest {

    @TempDir
    Path runs;

    static TrainConfig config(Path runs, String... extra) {
        List<String> sets = new ArrayList<>(List.of("data.dir=" + RealData.dir(), "run.dir=" + runs, "run.name=sweep-test",
                "data.dataset=mnist", "data.train-limit=300", "data.test-limit=200", "model.hidden=[16, 10]", "training.epochs=2",
                "training.data-type=double", "teleport.group=scaling", "teleport.objective=lookahead", "teleport.trust-radius=0.5",
                "teleport.step-size=10", "teleport.steps=3", "teleport.schedule.rounds=2", "spark.master=\"local[2]\""));
        sets.addAll(List.of(extra));
        return TrainConfig.from(ConfigLoader.load(List.of(), sets));
    }

    @Test
    void trialParallelSweepWritesTheTableAndReportAndARerunTrainsNothing() throws Exception {
        TrainConfig cfg = config(runs, "sweep.grid.\"optimizer.kind\"=[sgd, adam]", "sweep.grid.\"teleport.mode\"=[off, teleport]",
                "sweep.grid.run.seed=[0, 1]", "sweep.grid.\"optimizer.learning-rate\"=[0.01]");
        SweepExperiment exp = new SweepExperiment(cfg);
        // Ids come from the varying keys only (the single learning rate is not in them); keys sorted, values in the
        // order given, the last key varying fastest.
        assertEquals(List.of("kind-sgd__seed-0__mode-off", "kind-sgd__seed-0__mode-teleport", "kind-sgd__seed-1__mode-off",
                        "kind-sgd__seed-1__mode-teleport", "kind-adam__seed-0__mode-off", "kind-adam__seed-0__mode-teleport",
                        "kind-adam__seed-1__mode-off", "kind-adam__seed-1__mode-teleport"),
                exp.trials().stream().map(SweepTrial::id).toList());
        assertEquals("optimizer.kind=sgd teleport.mode=teleport", exp.trials().get(1).arm());

        RunDirectory dir = new RunDirectory(cfg.runDir(), sc.hadoopConfiguration());
        List<String> progress = new ArrayList<>();
        List<SweepResult> results = exp.run(sc, dir, progress::add);
        assertTrue(progress.get(0).contains("8 trials (0 already done)"), progress.get(0));
        assertEquals(8, results.size());
        for (SweepResult r : results) {
            int teleports = r.epochs().rows().get(0).teleports();
            assertEquals(r.trial().values().get("teleport.mode").equals("teleport") ? 2 : 0, teleports, r.trial().id());
        }
        Path out = runs.resolve(cfg.runId());
        String csv = Files.readString(out.resolve(SweepTable.CSV));
        List<String> lines = csv.lines().toList();
        assertEquals("trial_id,arm,optimizer_kind,optimizer_learning_rate,run_seed,teleport_mode,epoch,train_loss,test_loss,"
                + "test_accuracy,seconds,teleports,teleport_seconds", lines.get(0));
        assertEquals(1 + 8 * 2, lines.size());
        assertTrue(lines.get(1).startsWith("kind-sgd__seed-0__mode-off,optimizer.kind=sgd teleport.mode=off,sgd,0.01,0,off,0,"), lines.get(1));

        // The Parquet table, queried with Spark SQL: final epoch per arm, two seeds each, means equal to the summary's.
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        spark.read().parquet(out.resolve(SweepTable.PARQUET).toString()).createOrReplaceTempView("sweep");
        List<Row> byArm = spark.sql("SELECT optimizer_kind, teleport_mode, COUNT(*) AS n, AVG(test_loss) AS test_loss, "
                + "SUM(teleports) AS teleports FROM sweep WHERE epoch = 1 GROUP BY optimizer_kind, teleport_mode "
                + "ORDER BY optimizer_kind, teleport_mode").collectAsList();
        assertEquals(4, byArm.size());
        Map<String, SweepReport.ArmSummary> summaries = new HashMap<>();
        for (SweepReport.ArmSummary a : new SweepReport(cfg, exp.settings(), results).summaries()) summaries.put(a.arm(), a);
        for (Row r : byArm) {
            assertEquals(2L, r.getLong(2));
            SweepReport.ArmSummary a = summaries.get("optimizer.kind=" + r.getString(0) + " teleport.mode=" + r.getString(1));
            assertEquals(a.testLoss().mean(), r.getDouble(3), 1e-12);
        }
        assertEquals("double", spark.table("sweep").schema().apply("optimizer_learning_rate").dataType().typeName());
        assertEquals("long", spark.table("sweep").schema().apply("run_seed").dataType().typeName());

        assertEquals(1 + 4, Files.readAllLines(out.resolve(SweepReport.SUMMARY_CSV)).size());
        String md = Files.readString(out.resolve(SweepReport.SUMMARY_MD));
        assertTrue(md.contains("| sgd | 0.01 | off | 2 |"), md);
        assertTrue(Files.size(out.resolve(SweepReport.TEST_LOSS_PNG)) > 1000, "a real PNG");
        String html = Files.readString(out.resolve(SweepReport.HTML));
        assertTrue(html.contains("<img src=\"plots/test-loss-by-epoch.png\"") && html.contains("href=\"results.csv\""), html);

        // A re-run reads every trial back: nothing trained, no trial file rewritten, the same table.
        Map<String, FileTime> before = new HashMap<>();
        for (SweepTrial t : exp.trials()) before.put(t.id(), Files.getLastModifiedTime(out.resolve("trials/" + t.id() + ".csv")));
        progress.clear();
        new SweepExperiment(cfg).run(sc, dir, progress::add);
        assertTrue(progress.get(0).contains("8 trials (8 already done)"), progress.get(0));
        for (SweepTrial t : exp.trials())
            assertEquals(before.get(t.id()), Files.getLastModifiedTime(out.resolve("trials/" + t.id() + ".csv")), t.id());
        assertEquals(csv, Files.readString(out.resolve(SweepTable.CSV)));
        assertEquals(16L, spark.read().parquet(out.resolve(SweepTable.PARQUET).toString()).count());
    }

    @Test
    void dataParallelTrialsTrainAcrossTheClusterInTheirOwnRunDirectories() throws Exception {
        TrainConfig cfg = config(runs, "sweep.mode=data-parallel", "sweep.grid.\"teleport.mode\"=[off, teleport]",
                "training.workers=2", "training.averaging-frequency=3", "training.epochs=1", "data.train-limit=240");
        List<SweepResult> results = new SweepExperiment(cfg).run(sc, new RunDirectory(cfg.runDir(), sc.hadoopConfiguration()), s -> {
        });
        assertEquals(List.of("mode-off", "mode-teleport"), results.stream().map(r -> r.trial().id()).toList());
        Path out = runs.resolve(cfg.runId());
        for (String id : List.of("mode-off", "mode-teleport")) {
            assertTrue(Files.exists(out.resolve("trials/" + id + "/_SUCCESS")), id + " has its own finished run directory");
            assertTrue(Files.exists(out.resolve("trials/" + id + ".csv")));
        }
        assertEquals(0, results.get(0).epochs().last().teleports());
        assertEquals(2, results.get(1).epochs().last().teleports(), "teleports.csv of the trial's run: 2 scheduled rounds");
        assertEquals(1 + 2, Files.readAllLines(out.resolve(SweepTable.CSV)).size());
        List<String> progress = new ArrayList<>();
        new SweepExperiment(cfg).run(sc, new RunDirectory(cfg.runDir(), sc.hadoopConfiguration()), progress::add);
        assertTrue(progress.get(0).contains("2 trials (2 already done)"), progress.get(0));
        assertEquals(1, progress.size(), "nothing trained: " + progress);

        // Under the same run id, a trial whose other settings changed is not silently reused; more values for the
        // grid are fine (the finished trials are kept).
        BadConfigException changed = assertThrows(BadConfigException.class, () -> new SweepExperiment(config(runs, "sweep.mode=data-parallel",
                "sweep.grid.\"teleport.mode\"=[off, teleport]", "training.workers=2", "training.averaging-frequency=3", "training.epochs=1",
                "data.train-limit=240", "run.id=" + cfg.runId(), "optimizer.learning-rate=0.05"))
                .run(sc, new RunDirectory(cfg.runDir(), sc.hadoopConfiguration()), s -> {
                }));
        assertTrue(changed.getMessage().contains("sweep trial mode-off") && changed.getMessage().contains("other settings"), changed.getMessage());
    }

    @Test
    void everyTrialIsValidatedBeforeAnythingRuns() {
        BadConfigException unknown = assertThrows(BadConfigException.class,
                () -> new SweepExperiment(config(runs, "sweep.grid.\"optimizer.kindd\"=[sgd]")));
        assertTrue(unknown.getMessage().contains("sweep.grid") && unknown.getMessage().contains("optimizer.kindd"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("known keys here: [kind, learning-rate]"), unknown.getMessage());

        BadConfigException range = assertThrows(BadConfigException.class,
                () -> new SweepExperiment(config(runs, "sweep.grid.\"optimizer.learning-rate\"=[0.01, 20]")));
        assertTrue(range.getMessage().contains("sweep trial learning-rate-20") && range.getMessage().contains("optimizer.learning-rate = 20.0 is out of range"),
                range.getMessage());

        BadConfigException reserved = assertThrows(BadConfigException.class,
                () -> new SweepExperiment(config(runs, "sweep.grid.run.dir=[a, b]")));
        assertTrue(reserved.getMessage().contains("run.dir cannot vary"), reserved.getMessage());

        BadConfigException notAList = assertThrows(BadConfigException.class,
                () -> new SweepExperiment(config(runs, "sweep.grid.\"optimizer.kind\"=sgd")));
        assertTrue(notAList.getMessage().contains("must be a list"), notAList.getMessage());

        BadConfigException mode = assertThrows(BadConfigException.class, () -> new SweepExperiment(config(runs, "sweep.mode=both")));
        assertTrue(mode.getMessage().contains("sweep.mode") && mode.getMessage().contains("trial-parallel"), mode.getMessage());

        // Nested keys name the same setting as quoted ones.
        assertEquals(List.of("optimizer.kind"), new SweepExperiment(config(runs, "sweep.grid.optimizer.kind=[sgd, adam]")).settings().grid().keys());
    }
}
