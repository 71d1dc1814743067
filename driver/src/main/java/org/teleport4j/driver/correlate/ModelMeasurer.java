package org.teleport4j.driver.correlate;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.curvature.HessianOperator;
import org.teleport4j.ops.curvature.Hutchinson;
import org.teleport4j.ops.curvature.Lanczos;
import org.teleport4j.ops.curvature.LanczosResult;
import org.teleport4j.ops.curvature.LanczosSettings;
import org.teleport4j.ops.curvature.OrbitCurvature;
import org.teleport4j.ops.curvature.RandomDraws;
import org.teleport4j.ops.curvature.SharpnessMeasure;
import org.teleport4j.ops.curvature.SharpnessSettings;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures one trained model on training data, in memory (one model per Spark task): phi (sharpness), psi (orbit
 * curvature), lambda_max (Lanczos) and the Hessian trace (Hutchinson). Every batch, direction, generator and
 * probe comes from the measure seed alone, so all models are measured on the same draws.
 */
public final class ModelMeasurer {
    /** The four measures of one model. */
    public record Measures(double phi, double psi, double lambdaMax, double trace, boolean lanczosConverged) {
    }

    private final CorrelateSettings settings;
    private final NetArchitecture arch;

    public ModelMeasurer(CorrelateSettings settings, NetArchitecture arch) {
        this.settings = settings;
        this.arch = arch;
    }

    public Measures measure(INDArray params, ExampleSet train) {
        INDArray w = params.castTo(DataType.DOUBLE).reshape(1, params.length()).dup();
        long seed = settings.measureSeed();
        SharpnessSettings sharp = settings.sharpness();
        List<LocalSample> phiBatches = new ArrayList<>();
        for (Batch b : batches(train, sharp.batches(), sharp.batchSize(), RandomDraws.derive(seed, 1))) phiBatches.add(new LocalSample(b));
        double phi = SharpnessMeasure.phi(arch, w, phiBatches, sharp);

        List<INDArray> curveFeatures = new ArrayList<>();
        for (Batch b : batches(train, settings.curves(), settings.curveBatchSize(), RandomDraws.derive(seed, 2))) curveFeatures.add(b.features());
        double psi = OrbitCurvature.psi(arch, w, curveFeatures, settings.curvature());

        int n = settings.hessianExamples() == 0 ? train.size() : Math.min(settings.hessianExamples(), train.size());
        HessianOperator hessian = new HessianOperator(arch, w, new LocalSample(Batch.of(train.toDataSet(0, n, DataType.DOUBLE))));
        LanczosResult top = Lanczos.run(hessian, LanczosSettings.top(1, RandomDraws.derive(seed, 3))
                .withTolerance(settings.lanczosTolerance()).withMaxIterations(settings.lanczosIterations()));
        double trace = Hutchinson.estimate(hessian, settings.traceProbes(), RandomDraws.derive(seed, 4)).trace();
        return new Measures(phi, psi, top.first(), trace, top.converged());
    }

    /**
     * {@code count} batches of {@code size} training examples: consecutive slices of one seeded permutation, a new
     * permutation whenever the previous one runs out (so batches are fresh until the data is used up, as in the paper).
     */
    static List<Batch> batches(ExampleSet train, int count, int size, long seed) {
        int k = Math.min(size, train.size());
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] perm = permutation(train.size(), rnd);
        int next = 0;
        List<Batch> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            if (next + k > perm.length) {
                perm = permutation(train.size(), rnd);
                next = 0;
            }
            List<byte[]> records = new ArrayList<>(k);
            for (int i = next; i < next + k; i++) records.add(train.records().get(perm[i]));
            next += k;
            out.add(Batch.of(ExampleSet.toDataSet(records, train.inputs(), train.classes(), DataType.DOUBLE)));
        }
        return out;
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
