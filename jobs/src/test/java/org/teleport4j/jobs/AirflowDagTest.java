package org.teleport4j.jobs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.spark.SparkContexts;
import org.teleport4j.driver.sweep.SweepExperiment;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Airflow DAG against the job contract, without Airflow: check_dag.py runs the DAG file with stand-ins for the
 * Airflow classes it uses. Its train and sweep tasks must be valid teleport4j commands (every key known, the run id
 * built from the date) equal to their presets, submit with the settings deploy/spark-submit.sh uses, and fail exit
 * codes 2 and 3 without retries.
 */
class AirflowDagTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path DAG = REPO.resolve("deploy/airflow/teleport4j_dag.py");
    static JsonObject dag;

    @BeforeAll
    static void loadDag() throws Exception {
        assumeTrue(python3(), "python3 is not installed: the DAG check needs it (Airflow itself is not needed)");
        Path script = Path.of(AirflowDagTest.class.getResource("/airflow/check_dag.py").toURI());
        Process p = new ProcessBuilder("python3", script.toString(), DAG.toString(), "20240101").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        dag = JsonParser.parseString(out).getAsJsonObject();
    }

    static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static List<String> trainArgs() {
        return args("train");
    }

    static List<String> args(String task) {
        List<String> args = new ArrayList<>();
        JsonArray a = dag.getAsJsonObject(task).getAsJsonArray("application_args");
        a.forEach(e -> args.add(e.getAsString()));
        return args;
    }

    /** The configuration a task's command resolves to (teleport4j ... --print-config), after checking it exits 0. */
    static Config printedConfig(List<String> taskArgs) {
        List<String> args = new ArrayList<>(taskArgs);
        args.add("--print-config");
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Teleport4j.run(args.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        assertEquals(ExitCodes.OK, code, out.toString());
        return ConfigFactory.parseString(out.toString(StandardCharsets.UTF_8));
    }

    /** The task's --set options, loaded like the command line loads them. */
    static Config setsOf(List<String> args) {
        List<String> sets = new ArrayList<>();
        for (int i = 1; i < args.size(); i += 2) {
            assertEquals("--set", args.get(i), "the DAG passes only --set options: " + args);
            sets.add(args.get(i + 1));
        }
        return ConfigLoader.load(List.of(), sets);
    }

    /** A task's settings equal a preset's, except where the run is written and the data is read from. */
    static void assertSamePreset(String preset, Config fromDag) {
        Config fromPreset = ConfigLoader.load(List.of(REPO.resolve(preset).toFile()), List.of());
        for (String path : List.of("run.id", "run.dir", "data.dir")) {
            fromDag = fromDag.withoutPath(path);
            fromPreset = fromPreset.withoutPath(path);
        }
        assertEquals(ConfigLoader.render(fromPreset), ConfigLoader.render(fromDag), preset);
    }

    @Test
    void theTrainTaskIsAValidTeleport4jCommandWithADatedRunId() {
        Config resolved = printedConfig(trainArgs());
        assertEquals("paper-mnist-20240101", resolved.getString("run.id"));
        assertEquals("hdfs:///teleport4j/runs/paper-mnist-20240101", TrainConfig.from(resolved).runDir());
    }

    @Test
    void theTrainTaskIsThePaperMnistPreset() {
        assertEquals("train", trainArgs().get(0));
        assertSamePreset("conf/paper-mnist.conf", setsOf(trainArgs()));
    }

    @Test
    void theSweepTaskIsTheCifar10SweepWithADatedRunIdAndAValidGrid() {
        List<String> args = args("sweep");
        assertEquals("sweep", args.get(0));
        Config resolved = printedConfig(args);
        assertEquals("sweep-cifar10-20240101", resolved.getString("run.id"));
        assertEquals("hdfs:///teleport4j/runs/sweep-cifar10-20240101", TrainConfig.from(resolved).runDir());
        assertSamePreset("conf/sweep-cifar10.conf", setsOf(args));
        // Every one of its trials is a valid training configuration: 5 seeds x 2 optimizers x 3 learning rates x teleport off/on.
        SweepExperiment sweep = new SweepExperiment(TrainConfig.from(resolved));
        assertEquals(60, sweep.trials().size());
        assertEquals(12, sweep.trials().stream().map(t -> t.arm()).distinct().count());
    }

    @Test
    void theSweepRunsBesideTrainAndRetriesLikeIt() {
        JsonArray tasks = dag.getAsJsonArray("tasks");
        assertEquals(List.of("sweep", "train"), List.of(tasks.get(0).getAsString(), tasks.get(1).getAsString()));
        JsonObject sweep = dag.getAsJsonObject("sweep");
        assertEquals(Teleport4j.class.getName(), sweep.get("java_class").getAsString());
        assertEquals(dag.getAsJsonObject("train").getAsJsonObject("conf"), sweep.getAsJsonObject("conf"), "the same Spark settings");
        JsonObject outcomes = dag.getAsJsonObject("task_outcomes").getAsJsonObject("sweep");
        assertEquals("success", outcomes.get("0").getAsString());
        assertEquals("fail-without-retry", outcomes.get(Integer.toString(ExitCodes.BAD_CONFIG)).getAsString());
        assertEquals("fail-without-retry", outcomes.get(Integer.toString(ExitCodes.BAD_DATA)).getAsString());
        assertEquals("retry", outcomes.get(Integer.toString(ExitCodes.RUNTIME_FAILURE)).getAsString());
        assertEquals("retry", outcomes.get("137").getAsString());
    }

    @Test
    void itSubmitsLikeDeploySparkSubmit() throws Exception {
        JsonObject train = dag.getAsJsonObject("train");
        assertEquals(Teleport4j.class.getName(), train.get("java_class").getAsString());
        JsonObject conf = train.getAsJsonObject("conf");
        String script = Files.readString(REPO.resolve("deploy/spark-submit.sh"));
        for (String key : List.of("spark.serializer", "spark.kryo.registrator")) {
            Matcher m = Pattern.compile(Pattern.quote(key) + "=(\\S+)").matcher(script);
            assertTrue(m.find(), key + " in deploy/spark-submit.sh");
            assertEquals(m.group(1), conf.get(key).getAsString(), key);
            assertEquals(SparkContexts.conf(new TrainConfig.Spark("local[1]", "t", Map.of())).get(key), conf.get(key).getAsString(), key);
        }
        Set<String> scriptOpens = opens(script);
        assertFalse(scriptOpens.isEmpty());
        assertEquals(scriptOpens, opens(conf.get("spark.driver.extraJavaOptions").getAsString()));
        assertEquals(scriptOpens, opens(conf.get("spark.executor.extraJavaOptions").getAsString()));
    }

    @Test
    void retriesOnlyWhatARetryCanFix() {
        assertTrue(dag.get("retries").getAsInt() >= 1);
        JsonObject outcomes = dag.getAsJsonObject("outcomes");
        assertEquals("success", outcomes.get("0").getAsString());
        assertEquals("fail-without-retry", outcomes.get(Integer.toString(ExitCodes.BAD_CONFIG)).getAsString());
        assertEquals("fail-without-retry", outcomes.get(Integer.toString(ExitCodes.BAD_DATA)).getAsString());
        assertEquals("retry", outcomes.get(Integer.toString(ExitCodes.RUNTIME_FAILURE)).getAsString());
        assertEquals("retry", outcomes.get("137").getAsString(), "a killed driver is retried (and resumes)");
    }

    @Test
    void theDagParsesAsPython() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", DAG.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    static Set<String> opens(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("--add-opens=[\\w./]+=ALL-UNNAMED").matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }
}
