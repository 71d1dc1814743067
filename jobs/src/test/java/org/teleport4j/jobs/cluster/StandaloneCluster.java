package org.teleport4j.jobs.cluster;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local standalone cluster of deploy/standalone-cluster.sh (a master and two 1-core workers on 127.0.0.1),
 * on free ports, with its state under the given directory.
 */
final class StandaloneCluster implements AutoCloseable {
    final Path state;
    private final Map<String, String> env = new HashMap<>();
    private final int masterPort;
    private final int masterUiPort;

    private StandaloneCluster(Path state, Map<String, String> extraEnv) throws IOException {
        this.state = state;
        this.masterPort = freePort();
        this.masterUiPort = freePort();
        int workerUi = freePort();
        while (!isFree(workerUi + 1)) workerUi = freePort();
        env.put("TELEPORT4J_CLUSTER_DIR", state.toString());
        env.put("TELEPORT4J_MASTER_PORT", Integer.toString(masterPort));
        env.put("TELEPORT4J_MASTER_UI_PORT", Integer.toString(masterUiPort));
        env.put("TELEPORT4J_WORKER_UI_PORT", Integer.toString(workerUi));
        env.put("TELEPORT4J_WORKERS", "2");
        env.put("TELEPORT4J_WORKER_CORES", "1");
        env.put("TELEPORT4J_WORKER_MEMORY", "1g");
        env.putAll(extraEnv);
    }

    static StandaloneCluster start(Path state, Map<String, String> extraEnv) throws IOException, InterruptedException {
        StandaloneCluster c = new StandaloneCluster(state, extraEnv);
        Processes.Finished f = c.script("start", Duration.ofMinutes(3));
        if (f.exitCode() != 0) {
            c.close();
            throw new AssertionError("standalone-cluster.sh start failed (" + f.exitCode() + "):\n" + f.output());
        }
        return c;
    }

    Processes.Finished script(String command, Duration timeout) throws IOException, InterruptedException {
        return Processes.run(env, state.resolve("script-" + command + ".log"), timeout,
                List.of("bash", "deploy/standalone-cluster.sh", command));
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    long workerPid(int worker) throws IOException {
        return Long.parseLong(Files.readString(state.resolve("pids/worker-" + worker + ".pid")).trim());
    }

    /** The master's view of the cluster (its web UI's /json/ endpoint). */
    JsonObject masterState() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** stderr logs of the executors a worker launched, for every application: work/worker-N/APP/EXECUTOR/stderr. */
    List<Path> executorLogs(int worker) throws IOException {
        Path work = state.resolve("work/worker-" + worker);
        if (!Files.isDirectory(work)) return List.of();
        try (Stream<Path> s = Files.walk(work, 3)) {
            return s.filter(p -> p.getFileName().toString().equals("stderr")).sorted().toList();
        }
    }

    /** Executor stderr of one application on one worker, all executors concatenated. */
    String executorOutput(int worker, String appId) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path p : executorLogs(worker)) if (p.getParent().getParent().getFileName().toString().equals(appId)) sb.append(Files.readString(p));
        return sb.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("stop", Duration.ofMinutes(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
