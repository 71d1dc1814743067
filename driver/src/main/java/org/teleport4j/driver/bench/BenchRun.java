package org.teleport4j.driver.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.spark.LocalThreads;
import org.teleport4j.driver.spark.SparkContexts;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench job: every measurement of issue 7 on the CIFAR-10 MLP of the configuration (model.*, optimizer.*,
 * training.batch-size and training.averaging-frequency of the quick start), side by side and interleaved, into a
 * {@link BenchReport}. Items: a averaging, b compute, c teleport, d curvature, e sweep, f memory.
 */
public final class BenchRun {
    public static final String MARKDOWN = "bench.md";
    public static final String CSV = "bench.csv";
    /** The child JVM entry (jobs module): "teleport4j ARGS..." runs the command line, "sweep ARGS..." one sweep mode. */
    public static final String CHILD_MAIN = "org.teleport4j.jobs.BenchChild";
    private static final Pattern OVERHEAD = Pattern.compile("teleport overhead: ([0-9.]+) s of ([0-9.]+) s of training");

    private final TrainConfig cfg;
    private final BenchSettings s;
    private final Path dir;
    private final Consumer<String> progress;
    private final BenchReport report = new BenchReport();
    private final MlpSpec spec;
    private final DatasetId dataset;
    private final OptimizerKind opt;
    private final double lr;
    private final long seed;
    private final int batch;
    private double singleRate = Double.NaN;
    private Consumer<BenchReport> partDone = r -> {
    };

    public BenchRun(TrainConfig cfg, BenchSettings s, Path dir, Consumer<String> progress) {
        this.cfg = cfg;
        this.s = s;
        this.dir = dir;
        this.progress = progress;
        this.spec = cfg.modelSpec();
        this.dataset = cfg.data().dataset();
        this.opt = cfg.optimizer().kind();
        this.lr = cfg.optimizer().learningRate();
        this.seed = cfg.run().seed();
        this.batch = cfg.training().batchSize();
    }

    /** Called with the report so far after each group of measurements (the job writes it, so a cut-short run leaves its numbers). */
    public BenchRun onPartDone(Consumer<BenchReport> c) {
        this.partDone = c;
        return this;
    }

    public BenchReport run() {
        Configuration hadoop = new Configuration();
        int need = Math.max(Math.max(s.averagingExamples(), s.computeExamples()), Math.max(s.teleportSampleSize(), max(s.hvpBatchSizes())));
        ExampleSet all = dataset.readTrain(cfg.data().dir(), hadoop).head(need);
        ExampleSet trainA = all.head(s.averagingExamples());
        // warm-up, and the weights that teleports and curvature are measured at: one epoch of single-machine training
        progress.accept("bench: warm-up (one single-machine epoch on " + trainA.size() + " images)");
        MultiLayerNetwork trained = spec.newNetwork(opt.updater(lr), seed, DataType.FLOAT);
        AveragingOverhead.fitSeconds(trained, trainA, batch, 1, DataType.FLOAT);
        INDArray params = trained.params().dup();

        if (s.has("averaging")) averaging(trainA);
        partDone.accept(report);
        if (s.has("compute")) compute(all.head(s.computeExamples()));
        if (s.has("teleport")) teleport(params, all);
        partDone.accept(report);
        if (s.has("curvature")) curvature(params, all);
        partDone.accept(report);
        if (s.has("sweep")) sweep();
        partDone.accept(report);
        if (s.has("memory")) memory();
        return report;
    }

    // ------------------------------------------------------------------ a

    private record Variant(String label, String master, int frequency, int threads, boolean countJob) {
    }

    private void averaging(ExampleSet train) {
        int f0 = s.averagingFrequencies()[0];
        List<Variant> vs = new ArrayList<>();
        vs.add(new Variant("local[2]", "local[2]", f0, -1, false));
        vs.add(new Variant("local[2] before fix 1 (ND4J/OpenBLAS default threads in each task)", "local[2]", f0, 0, false));
        vs.add(new Variant("local[2] before fix 2 (dl4j-spark's count job every round)", "local[2]", f0, -1, true));
        vs.add(new Variant("local[2] before both fixes", "local[2]", f0, 0, true));
        for (int i = 1; i < s.averagingFrequencies().length; i++)
            vs.add(new Variant("local[2], averaging every " + s.averagingFrequencies()[i], "local[2]", s.averagingFrequencies()[i], -1, false));
        vs.add(new Variant("local[1]", "local[1]", f0, -1, false));
        double[] single = new double[s.repeats()];
        double[][] rates = new double[vs.size()][s.repeats()];
        String[] profiles = new String[vs.size()];
        int examples = train.size(), epochs = s.averagingEpochs();
        // the first Spark training in a JVM runs 3-10x slower (class loading, JIT, Kryo set-up): not measured
        progress.accept("bench a: Spark warm-up run (not measured)");
        AveragingOverhead.spark(cfg, "local[2]", Math.min(examples, 20 * batch), 1, f0, false, -1, dir.resolve("train").toString(), "warm-up");
        for (int r = 0; r < s.repeats(); r++) {
            single[r] = AveragingOverhead.singleMachine(spec, opt, lr, seed, train, batch, epochs, DataType.FLOAT);
            progress.accept(String.format(Locale.ROOT, "bench a (rep %d): single machine %.0f samples/s (load %.1f)", r + 1, single[r], Timing.load()));
            for (int v = 0; v < vs.size(); v++) {
                Variant x = vs.get(v);
                AveragingOverhead.SparkRun run = AveragingOverhead.spark(cfg, x.master, examples, epochs, x.frequency, x.countJob, x.threads,
                        dir.resolve("train").toString(), String.format(Locale.ROOT, "a%d-r%d", v, r));
                rates[v][r] = run.samplesPerSecond();
                profiles[v] = run.profile();
                progress.accept(String.format(Locale.ROOT, "bench a (rep %d): %s %.0f samples/s, %d rounds; %s", r + 1, x.label, run.samplesPerSecond(),
                        run.rounds(), run.profile()));
            }
        }
        singleRate = Timing.median(single);
        String setting = String.format(Locale.ROOT, "%d images x %d epoch(s), batch %d per worker, averaging every %d, float", examples, epochs, batch, f0);
        report.value("a", "single machine MultiLayerNetwork.fit", singleRate, "samples/s", setting);
        for (int v = 0; v < vs.size(); v++)
            report.value("a", vs.get(v).label, Timing.median(rates[v]), "samples/s", "");
        report.ratio("a", "local[2] / single machine", Timing.median(rates[0]) / singleRate, 0.7, true, setting);
        for (int v = 1; v < vs.size() - 1; v++)
            report.ratio("a", vs.get(v).label + " / single machine", Timing.median(rates[v]) / singleRate, "");
        report.ratio("a", "local[2] / local[1]", Timing.median(rates[0]) / Timing.median(rates[vs.size() - 1]), "");
        for (int v = 0; v < vs.size(); v++) report.note("profile of " + vs.get(v).label + " (last repetition): " + profiles[v]);
    }

    // ------------------------------------------------------------------ b

    private void compute(ExampleSet data) {
        int reps = Math.max(3, s.repeats());
        for (int b : s.computeBatchSizes()) {
            ComputeEfficiency.Result r = ComputeEfficiency.measure(spec, opt, lr, seed, data, b, reps);
            progress.accept(String.format(Locale.ROOT, "bench b: batch %d: training %.2f GFLOP/s, gemm %.2f GFLOP/s (load %.1f)", b, r.trainGflops(),
                    r.gemmGflops(), Timing.load()));
            report.value("b", "training FLOP rate, batch " + b, r.trainGflops(), "GFLOP/s",
                    String.format(Locale.ROOT, "%.3f ms per step; 6 B sum(d_in d_out) FLOPs per step", r.stepMillis()));
            report.value("b", "ND4J gemm rate on the same products, batch " + b, r.gemmGflops(), "GFLOP/s",
                    String.format(Locale.ROOT, "%.3f ms per step's gemms", r.gemmMillis()));
            report.ratio("b", "training / gemm FLOP rate, batch " + b, r.ratio(), "");
            report.value("b", "reference: ND4J gemm 1024x1024x1024 (batch " + b + " run)", r.peakGemmGflops(), "GFLOP/s",
                    String.format(Locale.ROOT, "the step's gemms reach %.0f%% of it", 100 * r.gemmGflops() / r.peakGemmGflops()));
        }
    }

    // ------------------------------------------------------------------ c

    private void teleport(INDArray params, ExampleSet all) {
        int reps = Math.max(3, s.repeats());
        TeleportCost.Result r = TeleportCost.measure(spec, opt, lr, seed, params, all.head(s.teleportSampleSize()),
                all.head(s.computeExamples()), s.teleportGroups(), s.teleportSteps(), s.teleportStepSize(), reps);
        for (int g = 0; g < r.groups().size(); g++) {
            progress.accept(String.format(Locale.ROOT, "bench c: %s teleport %.2f s, epoch %.1f s (load %.1f)", r.groups().get(g), r.seconds()[g],
                    r.epochSeconds(), Timing.load()));
            report.value("c", "one teleport, " + r.groups().get(g), r.seconds()[g], "s",
                    String.format(Locale.ROOT, "grad-norm ascent, %d steps (%d accepted), batch %d, step %s, double", s.teleportSteps(),
                            r.accepted()[g], s.teleportSampleSize(), s.teleportStepSize()));
            report.ratio("c", "one teleport (" + r.groups().get(g) + ") / one epoch", r.seconds()[g] / r.epochSeconds(),
                    String.format(Locale.ROOT, "epoch = %d images, single machine fit batch 20: %.1f s", TeleportCost.EPOCH_EXAMPLES, r.epochSeconds()));
        }
    }

    // ------------------------------------------------------------------ d

    private void curvature(INDArray params, ExampleSet all) {
        NetArchitecture arch = NetArchitecture.classifier(spec);
        for (int b : s.hvpBatchSizes()) {
            CurvatureCost.HvpResult h = CurvatureCost.hvp(arch, params, all, b, s.hvpRepeats(), seed);
            progress.accept(String.format(Locale.ROOT, "bench d: batch %d: gradient %.1f ms, HVP %.1f ms (load %.1f)", h.batch(), h.gradientMillis(),
                    h.hvpMillis(), Timing.load()));
            report.ratio("d", "HVP / gradient, batch " + h.batch(), h.ratio(), 2.5, false,
                    String.format(Locale.ROOT, "gradient %.1f ms, HVP %.1f ms (double, exact R-op)", h.gradientMillis(), h.hvpMillis()));
        }
        double rate = singleRate();
        try (JavaSparkContext sc = SparkContexts.create(new TrainConfig.Spark("local[2]", "teleport4j-bench", cfg.spark().conf()))) {
            CurvatureCost.LanczosRun l = CurvatureCost.lanczos(sc, dataset, cfg.data().dir(), s.curvatureExamples(), arch, params,
                    s.curvatureTolerance(), s.curvatureMaxProducts(), seed);
            double epoch = l.examples() / rate;
            progress.accept(String.format(Locale.ROOT, "bench d: Lanczos on %d images: %d products, converged %s, lambda_max %.4f, %.1f s (load %.1f)",
                    l.examples(), l.products(), l.converged(), l.lambdaMax(), l.seconds(), Timing.load()));
            String where = String.format(Locale.ROOT, "first %d training images, local[2], tolerance %s relative residual; lambda_max %.5g, residual %.2g, %s",
                    l.examples(), s.curvatureTolerance(), l.lambdaMax(), l.residual(), l.converged() ? "converged" : "NOT converged");
            report.value("d", "Lanczos products to lambda_max", l.products(), "HVP passes", where);
            report.value("d", "Lanczos wall time", l.seconds(), "s", "");
            report.value("d", "one distributed HVP pass", l.passSeconds(), "s", String.format(Locale.ROOT,
                    "one ND4J/OpenBLAS thread per task (fix 3); with ND4J's default threads in each task (before): %.2f s", l.passSecondsDefaultThreads()));
            report.ratio("d", "HVP pass before fix 3 / after", l.passSecondsDefaultThreads() / l.passSeconds(), "");
            report.ratio("d", "Lanczos wall time / one epoch on the same images", l.seconds() / epoch,
                    String.format(Locale.ROOT, "epoch on %d images at the single-machine rate %.0f samples/s: %.1f s", l.examples(), rate, epoch));
        }
    }

    private double singleRate() {
        if (Double.isNaN(singleRate)) {
            ExampleSet t = dataset.readTrain(cfg.data().dir(), new Configuration()).head(s.computeExamples());
            singleRate = AveragingOverhead.singleMachine(spec, opt, lr, seed, t, batch, 1, DataType.FLOAT);
        }
        return singleRate;
    }

    // ------------------------------------------------------------------ e

    private final List<ChildJvm.Result> sweepChildren = new ArrayList<>();

    private void sweep() {
        String[] modes = {"parallel", "parallel", "sequential"};
        String[] labels = {"trial-parallel on local[2]", "trial-parallel on local[2], ND4J default threads (before fix 1)", "one after another"};
        int[] threads = {LocalThreads.perTask("local[2]", Runtime.getRuntime().availableProcessors()), 0, 0};
        double[][] perHour = new double[3][s.repeats()];
        double[] hwm = new double[3], offheap = new double[3];
        for (int r = 0; r < s.repeats(); r++)
            for (int m = 0; m < 3; m++) {
                ChildJvm.Result c = ChildJvm.run(CHILD_MAIN, List.of("sweep", modes[m], String.valueOf(s.sweepTrials()), String.valueOf(s.sweepExamples()),
                                String.valueOf(s.sweepEpochs()), cfg.data().dir(), String.valueOf(threads[m])),
                        dir.resolve("logs").resolve(String.format(Locale.ROOT, "sweep-%d-%s-%d.log", m, modes[m], r)));
                if (c.exitCode() != 0) throw new IllegalStateException("sweep child (" + modes[m] + ") failed with exit code " + c.exitCode()
                        + "; see " + dir.resolve("logs"));
                perHour[m][r] = s.sweepTrials() * 3600 / c.number("trials_seconds");
                hwm[m] = Math.max(hwm[m], c.number("vmhwm_kib"));
                offheap[m] = Math.max(offheap[m], c.number("offheap_peak_bytes"));
                progress.accept(String.format(Locale.ROOT, "bench e (rep %d): %s: %d trials in %.1f s: %.0f trials/h, VmHWM %.2f GiB (load %.1f)", r + 1, labels[m],
                        s.sweepTrials(), c.number("trials_seconds"), perHour[m][r], c.number("vmhwm_kib") / (1 << 20), Timing.load()));
            }
        String setting = String.format(Locale.ROOT, "%d trials, CIFAR-10 MLP, %d images x %d epoch(s), SGD batch 20, test eval on %d images",
                s.sweepTrials(), s.sweepExamples(), s.sweepEpochs(), SweepThroughput.TEST_EXAMPLES);
        for (int m = 0; m < 3; m++) report.value("e", labels[m], Timing.median(perHour[m]), "trials/h", m == 0 ? setting : "");
        report.ratio("e", "trial-parallel / one after another", Timing.median(perHour[0]) / Timing.median(perHour[2]), "");
        report.ratio("e", "trial-parallel before fix 1 / one after another", Timing.median(perHour[1]) / Timing.median(perHour[2]), "");
        report.value("f", "peak RSS (VmHWM), " + s.sweepTrials() + "-trial sweep, trial-parallel", hwm[0] / (1 << 20), "GiB",
                String.format(Locale.ROOT, "JavaCPP off-heap peak %.2f GiB", offheap[0] / (1 << 30)));
        report.value("f", "peak RSS (VmHWM), " + s.sweepTrials() + "-trial sweep, one after another", hwm[2] / (1 << 20), "GiB",
                String.format(Locale.ROOT, "JavaCPP off-heap peak %.2f GiB", offheap[2] / (1 << 30)));
    }

    // ------------------------------------------------------------------ f (and c's whole-run overhead)

    private void memory() {
        if (!s.quickstartChild()) return;
        progress.accept("bench f: the quick-start job (train --preset conf/quickstart.conf --compare) in a child JVM ...");
        ChildJvm.Result c = ChildJvm.run(CHILD_MAIN, List.of("teleport4j", "train", "--preset", "conf/quickstart.conf", "--compare",
                "--set", "run.dir=" + dir.resolve("quickstart"), "--set", "run.id=quickstart"), dir.resolve("logs").resolve("quickstart.log"));
        if (c.exitCode() != 0) throw new IllegalStateException("quick-start child failed with exit code " + c.exitCode() + "; see "
                + dir.resolve("logs").resolve("quickstart.log"));
        double gib = c.number("vmhwm_kib") / (1 << 20);
        progress.accept(String.format(Locale.ROOT, "bench f: quick start VmHWM %.2f GiB, %.0f s (load %.1f)", gib, c.seconds(), Timing.load()));
        report.ratio("f", "peak RSS (VmHWM) of the quick-start job, GiB / 4 GiB", gib / 4, 1, false,
                String.format(Locale.ROOT, "%.2f GiB; JavaCPP off-heap peak %.2f GiB, physicalBytes peak %.2f GiB, maxPhysicalBytes %.1f GiB, heap max %.1f GiB; wall %.0f s",
                        gib, c.number("offheap_peak_bytes") / (1 << 30), c.number("physical_peak_bytes") / (1 << 30),
                        c.number("max_physical_bytes") / (1 << 30), c.number("heap_max_bytes") / (1 << 30), c.seconds()));
        for (String l : c.lines()) {
            Matcher m = OVERHEAD.matcher(l);
            if (m.find()) {
                double tele = Double.parseDouble(m.group(1)), train = Double.parseDouble(m.group(2));
                report.ratio("c", "whole-run teleport overhead of the quick-start job (teleport s / training s)", tele / train, 0.05, false,
                        String.format(Locale.ROOT, "%.1f s of %.1f s (train --compare, teleported arm)", tele, train));
            }
        }
    }

    private static int max(int[] xs) {
        int m = 0;
        for (int x : xs) m = Math.max(m, x);
        return m;
    }
}
