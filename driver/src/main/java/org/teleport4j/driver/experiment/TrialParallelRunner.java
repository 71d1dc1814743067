package org.teleport4j.driver.experiment;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.spark.LocalThreads;
import org.teleport4j.ops.data.ExampleSet;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trial-parallel execution, shared by every experiment job that trains many small models: one Spark task runs
 * one trial. Each task writes its trial's result file ({@code folder/<id>.csv}) to the run directory as soon as it
 * is done, so an interrupted experiment keeps its finished trials; a re-run reads those files back and runs only
 * the others. Trial ids must be stable across runs and safe as file names.
 *
 * @param <T> a trial's settings, shipped to the executor
 * @param <R> a trial's result, shipped back and kept as the trial's file
 */
public final class TrialParallelRunner<T extends Serializable, R extends Serializable> {

    /** What one Spark task does with one trial. */
    @FunctionalInterface
    public interface TrialTask<T, R> extends Serializable {
        R run(T trial, ExampleSet train, ExampleSet test);
    }

    /** How a result is kept as its trial's file. */
    public interface ResultFile<R> extends Serializable {
        String write(R result);

        R read(String text);
    }

    /** The trials whose files already exist (read back) and those still to run, both in the given order. */
    public record Plan<T, R>(Map<String, R> done, Map<String, T> todo) {
        public int total() {
            return done.size() + todo.size();
        }
    }

    private final String folder;
    private final ResultFile<R> resultFile;
    private final TrialTask<T, R> task;

    public TrialParallelRunner(String folder, ResultFile<R> resultFile, TrialTask<T, R> task) {
        this.folder = folder;
        this.resultFile = resultFile;
        this.task = task;
    }

    public String file(String id) {
        return folder + "/" + id + ".csv";
    }

    /** Splits {@code trials} (id -> settings) into finished ones, read back from the run directory, and the rest. */
    public Plan<T, R> plan(RunDirectory dir, Map<String, T> trials) {
        Map<String, R> done = new LinkedHashMap<>();
        Map<String, T> todo = new LinkedHashMap<>();
        for (Map.Entry<String, T> e : trials.entrySet()) {
            if (dir.exists(file(e.getKey()))) done.put(e.getKey(), resultFile.read(dir.readText(file(e.getKey()))));
            else todo.put(e.getKey(), e.getValue());
        }
        return new Plan<>(done, todo);
    }

    /** Runs {@code todo} on {@code data}, one Spark task per trial; returns the results in the order of {@code todo}. */
    public Map<String, R> run(JavaSparkContext sc, RunDirectory dir, Map<String, T> todo, TrialData data) {
        Map<String, R> out = new LinkedHashMap<>();
        if (todo.isEmpty()) return out;
        Broadcast<ExampleSet> trainB = sc.broadcast(data.train()), testB = sc.broadcast(data.test());
        List<Tuple2<String, T>> list = new ArrayList<>();
        todo.forEach((id, t) -> list.add(new Tuple2<>(id, t)));
        String runUri = dir.uri(), dirName = folder;
        TrialTask<T, R> task = this.task;
        ResultFile<R> resultFile = this.resultFile;
        int total = list.size();
        // Several trials in one JVM (local[k]): one ND4J/OpenBLAS thread share per task, not a full set each
        // (trial-parallel ran 2-2.5x slower than one after another without it: BENCHMARKS.md, item e).
        try {
            List<Tuple2<String, R>> results = LocalThreads.with(LocalThreads.perTask(sc), () -> sc.parallelize(list, list.size()).map(t -> {
                R r = task.run(t._2(), trainB.value(), testB.value());
                new RunDirectory(runUri, new org.apache.hadoop.conf.Configuration()).writeText(dirName + "/" + t._1() + ".csv", resultFile.write(r));
                org.slf4j.LoggerFactory.getLogger(TrialParallelRunner.class).info("trial {} done (of {} to run)", t._1(), total);
                return new Tuple2<>(t._1(), r);
            }).collect());
            Map<String, R> byId = new LinkedHashMap<>();
            for (Tuple2<String, R> r : results) byId.put(r._1(), r._2());
            for (String id : todo.keySet()) out.put(id, byId.get(id));
            return out;
        } finally {
            trainB.destroy();
            testB.destroy();
        }
    }
}
