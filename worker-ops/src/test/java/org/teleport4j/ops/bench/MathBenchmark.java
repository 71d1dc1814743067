package org.teleport4j.ops.bench;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.symmetry.FormA;
import org.teleport4j.ops.symmetry.PositiveScaling;
import org.teleport4j.ops.teleport.GradientNormSquared;
import org.teleport4j.ops.teleport.TeleportSettings;
import org.teleport4j.ops.teleport.Teleporter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Issue 3's micro-benchmark (not a test: no timed assertions). On the paper's CIFAR-10 MLP
 * (3072-128-32-10, bias-free LeakyReLU 0.1) with random data of CIFAR-10's shape:
 * <ul>
 *   <li>one exact HVP / one gradient (both double, both including their forward pass), batch 200 and 2000;</li>
 *   <li>one teleport (10 ascent steps, batch 200) / one training epoch (MultiLayerNetwork.fit, SGD lr 2e-2,
 *       batch 20, float as in training; timed on 5,000 samples and scaled to 50,000).</li>
 * </ul>
 * Medians over repetitions after warm-up; the timed calls are interleaved round by round so that
 * background load on a shared machine hits numerator and denominator alike. Run: see BENCHMARKS.md.
 */
public final class MathBenchmark {
    private static final MlpSpec SPEC = MlpSpec.paper(3072, 128, 32, 10);
    private static final NetArchitecture ARCH = NetArchitecture.classifier(SPEC);

    public static void main(String[] args) throws Exception {
        System.out.println("machine: " + cpuModel() + ", nproc " + Runtime.getRuntime().availableProcessors()
                + ", ND4J backend " + Nd4j.getBackend().getClass().getSimpleName()
                + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", java " + System.getProperty("java.version")
                + "; /proc/loadavg at start: " + loadAverage());
        INDArray params = SPEC.newNetwork(new Sgd(0.02), 1, DataType.DOUBLE).params().dup();
        DenseNetView view = new DenseNetView(ARCH, params);
        Random rnd = new Random(2);
        INDArray v = Nd4j.create(gauss(rnd, (int) ARCH.parameterCount()), new long[]{1, ARCH.parameterCount()}, DataType.DOUBLE);

        List<String> rows = new ArrayList<>();
        for (int n : new int[]{200, 2000}) {
            Batch b = randomBatch(rnd, n);
            int reps = n == 200 ? 41 : 15;
            MultiLayerNetwork dnet = SPEC.newNetwork(new Sgd(0.02), 1, DataType.DOUBLE);
            dnet.setParams(params);
            // interleaved: each repetition times all four back to back, so background load hits them alike
            double[] med = interleavedMedians(List.of(
                    () -> view.gradient(b),
                    () -> view.hessianVectorProduct(b, v),
                    () -> view.gradientAndHessianGradient(b),
                    () -> {
                        dnet.setInput(b.features());
                        dnet.setLabels(b.labels());
                        dnet.computeGradientAndScore();
                        return dnet.gradient();
                    }), 5, reps);
            double grad = med[0], hvp = med[1], both = med[2], dl4j = med[3];
            rows.add(String.format("| %d | %.2f | %.2f | %.2f | %.2f | **%.2f** | %.2f |", n, grad, hvp, both, dl4j, hvp / grad, both / grad));
        }
        System.out.println("\n| batch | gradient ms | HVP ms | gradient+H·grad ms | DL4J computeGradientAndScore (double) ms | HVP / gradient | (gradient+H·grad) / gradient |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);

        // teleport (10 ascent steps, batch 200; exact scaling and the paper's Form A) against a training
        // epoch (DL4J fit, batch 20, float: the training precision, SGD lr 2e-2), interleaved round by round
        Batch teleBatch = randomBatch(rnd, 200);
        Teleporter scaling = new Teleporter(new PositiveScaling(ARCH), new GradientNormSquared(), TeleportSettings.forExactGroup(10, 1e-3));
        Teleporter formA = new Teleporter(new FormA(ARCH), new GradientNormSquared(),
                TeleportSettings.forDataDependentGroup(10, 1e-3).withLossTolerance(1.0));   // time 10 full steps, whatever the drift
        int samples = 5000;
        MultiLayerNetwork train = SPEC.newNetwork(new Sgd(0.02), 1, DataType.FLOAT);
        List<DataSet> data = new ArrayList<>();
        for (int i = 0; i < samples / 20; i++) {
            Batch bb = randomBatch(rnd, 20);
            data.add(new DataSet(bb.features().castTo(DataType.FLOAT), bb.labels().castTo(DataType.FLOAT)));
        }
        int[] accepted = new int[2];
        double[] med = interleavedMedians(List.of(
                () -> accepted[0] = (int) scaling.teleport(params, teleBatch).acceptedSteps(),
                () -> accepted[1] = (int) formA.teleport(params, teleBatch).acceptedSteps(),
                () -> {
                    train.fit(new ListDataSetIterator<>(data, 1));
                    return null;
                }), 1, 5);
        double epoch = med[2] * (50000.0 / samples);
        System.out.printf("%n| teleport (10 steps, batch 200) | ms | steps accepted | teleport / epoch |%n|---|---|---|---|%n");
        System.out.printf("| positive scaling | %.0f | %d/10 | **%.3f** |%n", med[0], accepted[0], med[0] / epoch);
        System.out.printf("| Form A | %.0f | %d/10 | **%.3f** |%n", med[1], accepted[1], med[1] / epoch);
        System.out.printf("%nepoch = 10 x median time of DL4J fit over 5,000 samples (batch 20, float, SGD): %.0f ms%n", epoch);
        System.out.println("/proc/loadavg at end: " + loadAverage());
    }

    private static Batch randomBatch(Random rnd, int n) {
        double[] x = new double[n * 3072];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble();        // pixels in [0, 1)
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 10);
        for (int i = 0; i < n; i++) y.putScalar(i, rnd.nextInt(10), 1.0);
        return new Batch(Nd4j.create(x, new long[]{n, 3072}, DataType.DOUBLE), y);
    }

    private static double[] gauss(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextGaussian();
        return v;
    }

    /** Median wall time in ms of each call over {@code reps} rounds (each round calls all, in order), after warm-up rounds. */
    private static double[] interleavedMedians(List<Supplier<?>> calls, int warmup, int reps) {
        for (int i = 0; i < warmup; i++) calls.forEach(Supplier::get);
        double[][] ms = new double[calls.size()][reps];
        for (int r = 0; r < reps; r++) {
            for (int c = 0; c < calls.size(); c++) {
                long t0 = System.nanoTime();
                calls.get(c).get();
                ms[c][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[] med = new double[calls.size()];
        for (int c = 0; c < calls.size(); c++) {
            Arrays.sort(ms[c]);
            med[c] = ms[c][reps / 2];
        }
        return med;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }
}
