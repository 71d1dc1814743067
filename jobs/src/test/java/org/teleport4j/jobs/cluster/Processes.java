package org.teleport4j.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's scripts as real processes, output (stdout and stderr) to a log file. */
final class Processes {
    private Processes() {
    }

    /** The repository root (the build passes it; the module directory's parent otherwise). */
    static Path repo() {
        return Path.of(System.getProperty("teleport4j.repo.dir", "..")).toAbsolutePath().normalize();
    }

    /** The real datasets (deploy/fetch-data.sh). */
    static Path data() {
        return Path.of(System.getProperty("teleport4j.data.dir", repo().resolve("data").toString())).toAbsolutePath();
    }

    record Finished(int exitCode, String output) {
    }

    static Process start(Map<String, String> env, Path log, List<String> command) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    static Finished finish(Process p, Path log, Duration timeout) throws IOException, InterruptedException {
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            throw new AssertionError("timed out after " + timeout + ": see " + log + "\n" + tail(log));
        }
        return new Finished(p.exitValue(), Files.readString(log));
    }

    static Finished run(Map<String, String> env, Path log, Duration timeout, List<String> command) throws IOException, InterruptedException {
        return finish(start(env, log, command), log, timeout);
    }

    /** Waits until {@code file} exists, or fails when the process ends first or the time is up. */
    static void awaitFile(Path file, Process p, Path log, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (!p.isAlive()) throw new AssertionError("process ended (exit " + p.exitValue() + ") before " + file + " appeared\n" + tail(log));
            if (System.nanoTime() > end) throw new AssertionError(file + " did not appear within " + timeout + "\n" + tail(log));
            Thread.sleep(100);
        }
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) return "(no output)";
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
