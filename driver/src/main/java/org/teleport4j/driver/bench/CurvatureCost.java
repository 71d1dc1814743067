package org.teleport4j.driver.bench;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.driver.spark.DistributedSample;
import org.teleport4j.driver.spark.IndexedRecords;
import org.teleport4j.driver.spark.RecordChunks;
import org.teleport4j.ops.curvature.HessianOperator;
import org.teleport4j.ops.curvature.Lanczos;
import org.teleport4j.ops.curvature.LanczosResult;
import org.teleport4j.ops.curvature.LanczosSettings;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.NetArchitecture;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Item d: one exact HVP over one gradient (worker-ops DenseNetView, double, each with its forward pass), and
 * the top Hessian eigenvalue by Lanczos (full reorthogonalisation) over a {@link DistributedSample} of the first
 * `examples` training images: products needed until the Ritz residual is within the tolerance (relative), and
 * that measurement's wall time.
 */
public final class CurvatureCost {
    public record HvpResult(int batch, double gradientMillis, double hvpMillis) {
        public double ratio() {
            return hvpMillis / gradientMillis;
        }
    }

    /** ... and the median seconds of one distributed HVP pass with one ND4J thread per task (the default) and with ND4J's defaults. */
    public record LanczosRun(int examples, int products, boolean converged, double lambdaMax, double residual, double seconds,
                             double passSeconds, double passSecondsDefaultThreads) {
    }

    private CurvatureCost() {
    }

    public static HvpResult hvp(NetArchitecture arch, INDArray params, ExampleSet data, int batch, int reps, long seed) {
        INDArray w = params.castTo(DataType.DOUBLE).reshape(1, params.length()).dup();
        DenseNetView view = new DenseNetView(arch, w);
        Batch b = Batch.of(data.head(Math.min(batch, data.size())).toDataSet(DataType.DOUBLE));
        Random rnd = new Random(seed);
        double[] v = new double[(int) arch.layers().parameterCount()];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
        INDArray dir = Nd4j.create(v, new long[]{1, v.length}, DataType.DOUBLE);
        List<Supplier<?>> calls = List.of(() -> view.gradient(b), () -> view.hessianVectorProduct(b, dir));
        double[] med = Timing.medians(Timing.interleaved(calls, 2, reps));
        return new HvpResult(b.size(), 1e3 * med[0], 1e3 * med[1]);
    }

    public static LanczosRun lanczos(JavaSparkContext sc, DatasetId dataset, String dataDir, int examples, NetArchitecture arch,
                                     INDArray params, double tolerance, int maxProducts, long seed) {
        INDArray w = params.castTo(DataType.DOUBLE).reshape(1, params.length()).dup();
        JavaPairRDD<Long, byte[]> train = IndexedRecords.read(sc, dataset, dataset.trainFiles(dataDir), examples);
        long n = train.count();
        try (DistributedSample sample = new DistributedSample(sc, RecordChunks.of(train.values(), RecordChunks.DEFAULT_SIZE),
                dataset.inputs(), dataset.classes())) {
            HessianOperator h = new HessianOperator(arch, w, sample);
            INDArray probe = Nd4j.rand(DataType.DOUBLE, 1, w.length());
            h.apply(probe);   // warm-up: caches the sample, JIT
            double[] med = Timing.medians(Timing.interleaved(List.of(
                    () -> h.apply(probe),
                    () -> {
                        sample.taskThreads(0);
                        try {
                            return h.apply(probe);
                        } finally {
                            sample.taskThreads(-1);
                        }
                    }), 0, 3));
            long t0 = System.nanoTime();
            LanczosResult r = Lanczos.run(h, LanczosSettings.top(1, seed).withTolerance(tolerance).withMaxIterations(maxProducts));
            double s = (System.nanoTime() - t0) / 1e9;
            return new LanczosRun((int) n, r.iterations(), r.converged(), r.first(), r.residuals()[0], s, med[0], med[1]);
        }
    }
}
