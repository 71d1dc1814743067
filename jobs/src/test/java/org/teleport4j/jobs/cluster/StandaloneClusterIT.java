package org.teleport4j.jobs.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.jobs.ExitCodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * teleport4j under Spark's real SparkSubmit (deploy/spark-submit.sh, the spark-submit jar) on a real standalone
 * cluster (deploy/standalone-cluster.sh): a master and two workers, each launching its executor in its own JVM.
 * The workers also advertise one GPU each through deploy/gpu-discovery.sh and a stand-in nvidia-smi, so Spark's
 * GPU scheduling and the executor-side binding run for real (on ND4J's CPU backend, where binding is a no-op).
 * The worker-kill test runs last: it leaves one worker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
    static final Path STATE = Path.of("target/cluster-it").toAbsolutePath();
    static StandaloneCluster cluster;
    /** deploy/spark-submit.sh's switch for GPU executors (conf/spark-gpu-defaults.conf). */
    static final Map<String, String> GPU = Map.of("TELEPORT4J_GPU", "1");

    @BeforeAll
    static void startCluster() throws Exception {
        deleteRecursively(STATE);
        Path fakeBin = Files.createDirectories(STATE.resolve("fake-bin"));
        Path nvidiaSmi = fakeBin.resolve("nvidia-smi");
        // Answers deploy/gpu-discovery.sh's query (--query-gpu=index) as a one-GPU machine would.
        Files.writeString(nvidiaSmi, "#!/bin/sh\necho 0\n");
        assertTrue(nvidiaSmi.toFile().setExecutable(true));
        String discovery = Processes.repo().resolve("deploy/gpu-discovery.sh").toString();
        cluster = StandaloneCluster.start(STATE, Map.of(
                "PATH", fakeBin + ":" + System.getenv("PATH"),
                "TELEPORT4J_WORKER_OPTS", "-Dspark.worker.resource.gpu.amount=1 -Dspark.worker.resource.gpu.discoveryScript=" + discovery));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) cluster.close();
    }

    /** A small MNIST job: the paper's 784-16-10-10 MLP with Adam on 600 images, two workers. */
    static List<String> train(String runId, int trainLimit, int epochs, String... extra) {
        List<String> args = new ArrayList<>(List.of("train",
                "--set", "data.dataset=mnist", "--set", "data.dir=" + Processes.data(), "--set", "run.dir=" + STATE.resolve("runs"),
                "--set", "run.id=" + runId, "--set", "model.hidden=[16, 10]", "--set", "optimizer.kind=adam",
                "--set", "optimizer.learning-rate=0.01", "--set", "training.batch-size=10", "--set", "training.averaging-frequency=3",
                "--set", "training.workers=2", "--set", "data.train-limit=" + trainLimit, "--set", "data.test-limit=1000",
                "--set", "training.epochs=" + epochs));
        args.addAll(List.of(extra));
        return args;
    }

    /** Teleportation on the cluster run: the exact scaling group before the first round of the second epoch. */
    static final String[] TELEPORT = {"--set", "teleport.mode=teleport", "--set", "teleport.group=scaling", "--set", "teleport.step-size=2",
            "--set", "teleport.schedule.kind=epochs", "--set", "teleport.schedule.epochs=[1]"};

    static Process submit(String logName, Map<String, String> env, List<String> jobArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", "deploy/spark-submit.sh", "--executor-memory", "768m"));
        cmd.addAll(jobArgs);
        Map<String, String> all = new java.util.HashMap<>(Map.of("TELEPORT4J_SPARK_MASTER", cluster.masterUrl(), "TELEPORT4J_DRIVER_MEMORY", "1g"));
        all.putAll(env);
        return Processes.start(all, STATE.resolve("logs/" + logName + ".log"), cmd);
    }

    static Processes.Finished submitAndWait(String logName, Map<String, String> env, List<String> jobArgs) throws Exception {
        return Processes.finish(submit(logName, env, jobArgs), STATE.resolve("logs/" + logName + ".log"), Duration.ofMinutes(4));
    }

    static Path runDir(String runId) {
        return STATE.resolve("runs").resolve(runId);
    }

    static List<EpochMetrics> metrics(String runId) throws IOException {
        return Files.readAllLines(runDir(runId).resolve("metrics.csv")).stream().skip(1).filter(l -> !l.isBlank())
                .map(EpochMetrics::parseCsv).toList();
    }

    static Set<String> applications() throws IOException {
        Set<String> apps = new HashSet<>();
        for (int w = 1; w <= 2; w++)
            for (Path p : cluster.executorLogs(w)) apps.add(p.getParent().getParent().getFileName().toString());
        return apps;
    }

    /**
     * Training on the cluster, with Spark's GPU scheduling on: the workers discover their (stand-in) GPU through
     * deploy/gpu-discovery.sh, each task is given it, and GpuBindingPlugin binds ND4J to it before the task runs.
     */
    @Test
    @Order(1)
    void trainsOnTwoExecutorJvmsWithTheirGpuAndWritesACompleteRunDirectory() throws Exception {
        Set<String> before = applications();
        Processes.Finished f = submitAndWait("train", GPU, train("cluster-train", 600, 2, TELEPORT));
        assertEquals(ExitCodes.OK, f.exitCode(), f.output());
        assertTrue(f.output().contains("master " + cluster.masterUrl()), "the job ran on the cluster, not in local mode:\n" + f.output());
        // The averaged weights were teleported on the driver before epoch 2's first round, from a sample the executors served.
        List<String> teleports = Files.readAllLines(runDir("cluster-train").resolve("teleports.csv"));
        assertEquals(2, teleports.size(), "header + one teleport: " + teleports);
        String[] t = teleports.get(1).split(",");
        assertEquals("positive-scaling", t[4]);
        assertTrue(Double.parseDouble(t[7]) > Double.parseDouble(t[6]), "||grad L||^2 raised: " + teleports.get(1));
        assertTrue(Double.parseDouble(t[10]) < 1e-9, "sample loss kept: " + teleports.get(1));

        Path dir = runDir("cluster-train");
        assertTrue(Files.exists(dir.resolve("_SUCCESS")));
        assertTrue(Files.exists(dir.resolve("config.conf")));
        List<EpochMetrics> rows = metrics("cluster-train");
        assertEquals(List.of(0, 1), rows.stream().map(EpochMetrics::epoch).toList());
        for (EpochMetrics m : rows) assertEquals(600, m.examples());
        double accuracy = rows.get(1).testAccuracy();
        assertTrue(accuracy > 0.5, "test accuracy " + accuracy + " (chance: 0.1)");
        assertTrue(rows.get(1).trainLoss() < rows.get(0).trainLoss(), "train loss falls: " + rows);
        try (Stream<Path> zips = Files.list(dir.resolve("checkpoints"))) {
            for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).toList()) {
                MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
                assertEquals(784 * 16 + 16 * 10 + 10 * 10, net.numParams(), zip.toString());
            }
        }

        // Each worker launched an executor JVM for this application; each executor ran tasks, bound to its GPU.
        Set<String> apps = applications();
        apps.removeAll(before);
        assertEquals(1, apps.size(), "one new application: " + apps);
        String app = apps.iterator().next();
        for (int w = 1; w <= 2; w++) {
            String out = cluster.executorOutput(w, app);
            assertTrue(out.contains("Running task"), "worker " + w + "'s executor ran no task:\n" + out);
            assertTrue(out.matches("(?s).*task \\d+ \\(stage \\d+, partition \\d+\\) bound to GPU 0.*"), "worker " + w + ":\n" + out);
        }
    }

    /** The job contract an Airflow retry relies on: the same command on a finished run is a quick no-op. */
    @Test
    @Order(2)
    void rerunningAFinishedRunSkipsIt() throws Exception {
        Path dir = runDir("cluster-train");
        String metricsBefore = Files.readString(dir.resolve("metrics.csv"));
        long successTime = Files.getLastModifiedTime(dir.resolve("_SUCCESS")).toMillis();

        Processes.Finished f = submitAndWait("train-again", GPU, train("cluster-train", 600, 2, TELEPORT));
        assertEquals(ExitCodes.OK, f.exitCode(), f.output());
        assertTrue(f.output().contains("was already complete"), f.output());
        assertEquals(metricsBefore, Files.readString(dir.resolve("metrics.csv")));
        assertEquals(successTime, Files.getLastModifiedTime(dir.resolve("_SUCCESS")).toMillis());
    }

    /**
     * Malformed data found by the executors (a CIFAR-10 label byte out of range, which only reading the records
     * shows) fails the job in another JVM; the message reaches the driver inside a SparkException and still gives
     * exit code 3 and names the file.
     */
    @Test
    @Order(3)
    void malformedDataFoundByTheExecutorsIsBadData() throws Exception {
        Path cifar = Files.createDirectories(STATE.resolve("malformed/cifar-10"));
        for (String name : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin")) {
            byte[] records = new byte[3073 * 20];
            if (name.equals("data_batch_3.bin")) records[3073 * 5] = 12;
            Files.write(cifar.resolve(name), records);
        }
        Processes.Finished f = submitAndWait("malformed", Map.of(), List.of("train", "--set", "data.dir=" + cifar.getParent(),
                "--set", "run.dir=" + STATE.resolve("runs"), "--set", "run.id=malformed", "--set", "training.epochs=1",
                "--set", "training.workers=2"));
        assertEquals(ExitCodes.BAD_DATA, f.exitCode(), f.output());
        assertTrue(f.output().contains("data_batch_3.bin") && f.output().contains("label 12"), f.output());
    }

    /**
     * A worker JVM killed (SIGKILL) mid-training: its executor goes with it, Spark reruns the lost tasks (and
     * recomputes lost cached partitions) on the other worker, and the job completes. The standalone master does
     * not restart the worker: it is marked DEAD.
     */
    @Test
    @Order(4)
    void aWorkerKilledDuringTrainingDoesNotStopTheJob() throws Exception {
        Path log = STATE.resolve("logs/worker-kill.log");
        Process job = submit("worker-kill", Map.of(), train("worker-kill", 600, 3));
        Processes.awaitFile(runDir("worker-kill").resolve("checkpoints/latest.properties"), job, log, Duration.ofMinutes(3));
        long pid = cluster.workerPid(1);
        assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly(), "SIGKILL worker 1");

        Processes.Finished f = Processes.finish(job, log, Duration.ofMinutes(4));
        assertEquals(ExitCodes.OK, f.exitCode(), f.output());
        assertTrue(f.output().contains("Lost executor"), "the worker died while the job ran:\n" + f.output());
        assertTrue(Files.exists(runDir("worker-kill").resolve("_SUCCESS")));
        assertEquals(List.of(0, 1, 2), metrics("worker-kill").stream().map(EpochMetrics::epoch).toList());
        assertTrue(metrics("worker-kill").get(2).testAccuracy() > 0.5, metrics("worker-kill").toString());

        JsonObject master = cluster.masterState();
        assertEquals(1, master.get("aliveworkers").getAsInt(), master.toString());
        List<String> states = new ArrayList<>();
        for (JsonElement w : master.getAsJsonArray("workers")) states.add(w.getAsJsonObject().get("state").getAsString());
        assertTrue(states.contains("DEAD"), "the killed worker is not restarted: " + states);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
