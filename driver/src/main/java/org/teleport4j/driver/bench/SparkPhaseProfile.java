package org.teleport4j.driver.bench;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-phase profile of Spark work inside given time windows (the averaging rounds): wall time of jobs
 * grouped by call site (dl4j-spark's count job, its training job, ...) and summed task metrics (run time,
 * CPU, deserialisation, result serialisation). Round time outside every job is driver-side work
 * (broadcast, parameter averaging, hooks).
 */
public final class SparkPhaseProfile extends SparkListener {
    private record Job(String site, long start, long end) {
    }

    private record Task(long launch, double run, double cpu, double deserialize, double resultSerialize) {
    }

    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final Map<Integer, String> sites = new ConcurrentHashMap<>();
    private final List<Job> jobs = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();

    @Override
    public void onJobStart(SparkListenerJobStart e) {
        started.put(e.jobId(), e.time());
        // the job's result stage (highest id) is named after the action and its call site: "count at ...", "treeAggregate at ..."
        String site = "unknown";
        int best = -1;
        for (org.apache.spark.scheduler.StageInfo st : scala.collection.JavaConverters.seqAsJavaList(e.stageInfos()))
            if (st.stageId() > best) {
                best = st.stageId();
                site = st.name().replaceAll(" at .*", "");
            }
        sites.put(e.jobId(), site);
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd e) {
        Long t0 = started.remove(e.jobId());
        String site = sites.remove(e.jobId());
        if (t0 != null) jobs.add(new Job(site, t0, e.time()));
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        TaskMetrics m = e.taskMetrics();
        if (m == null) return;
        tasks.add(new Task(e.taskInfo().launchTime(), m.executorRunTime() / 1e3, m.executorCpuTime() / 1e9,
                m.executorDeserializeTime() / 1e3, m.resultSerializationTime() / 1e3));
    }

    private static boolean inside(long t, List<long[]> windows) {
        for (long[] w : windows) if (t >= w[0] && t <= w[1]) return true;
        return false;
    }

    /** Seconds of jobs whose call site is count (dl4j-spark's count job) inside the windows. */
    public synchronized double countSeconds(List<long[]> windows) {
        return jobs.stream().filter(j -> inside(j.start, windows) && j.site.equals("count")).mapToDouble(j -> (j.end - j.start) / 1e3).sum();
    }

    /** One line: jobs per call site with their time, task totals, and the rest, against {@code wallSeconds} of rounds. */
    public synchronized String describe(double wallSeconds, List<long[]> windows) {
        Map<String, double[]> bySite = new TreeMap<>();
        double jobSeconds = 0;
        for (Job j : jobs) {
            if (!inside(j.start, windows)) continue;
            double[] s = bySite.computeIfAbsent(j.site, k -> new double[2]);
            s[0]++;
            s[1] += (j.end - j.start) / 1e3;
            jobSeconds += (j.end - j.start) / 1e3;
        }
        double run = 0, cpu = 0, des = 0, ser = 0;
        int n = 0;
        for (Task t : tasks) {
            if (!inside(t.launch, windows)) continue;
            n++;
            run += t.run;
            cpu += t.cpu;
            des += t.deserialize;
            ser += t.resultSerialize;
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, double[]> e : bySite.entrySet())
            sb.append(String.format(Locale.ROOT, "%s jobs: %d, %.2f s (%.0f%%); ", e.getKey(), (int) e.getValue()[0], e.getValue()[1],
                    100 * e.getValue()[1] / wallSeconds));
        sb.append(String.format(Locale.ROOT, "outside jobs (driver: broadcast, averaging): %.2f s (%.0f%%); %d tasks: run %.2f s (CPU %.2f s), "
                        + "deserialise %.2f s, result serialise %.2f s; rounds %.2f s in all",
                wallSeconds - jobSeconds, 100 * (wallSeconds - jobSeconds) / wallSeconds, n, run, cpu, des, ser, wallSeconds));
        return sb.toString();
    }
}
