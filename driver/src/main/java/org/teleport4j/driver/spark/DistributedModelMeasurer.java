package org.teleport4j.driver.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.driver.correlate.MeasureSettings;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.ops.curvature.HessianOperator;
import org.teleport4j.ops.curvature.Hutchinson;
import org.teleport4j.ops.curvature.Lanczos;
import org.teleport4j.ops.curvature.LanczosResult;
import org.teleport4j.ops.curvature.TraceEstimate;
import org.teleport4j.ops.math.NetArchitecture;

import java.util.Locale;

/**
 * The correlate job's four measures of one model (phi, psi, lambda_max, Hessian trace), for a model trained
 * data-parallel whose training data is an RDD: phi and psi per batch on the executors ({@link DistributedMeasures}),
 * lambda_max by Lanczos and the trace by Hutchinson over a {@link DistributedSample} (one Spark job per
 * Hessian-vector product). The draws come from {@link MeasureSettings}, as in the in-memory measurer, so the same
 * model gives the same numbers either way (up to summation order).
 */
public final class DistributedModelMeasurer {
    public static final String FILE = "curvature.csv";

    /** The measures and what they cost. */
    public record Result(double phi, double psi, double lambdaMax, boolean lanczosConverged, int lanczosProducts, double trace,
                         double traceStandardError, double seconds) {
        public String toCsv() {
            return "phi,psi,lambda_max,lanczos_converged,lanczos_products,trace,trace_standard_error,seconds\n"
                    + String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%s,%s,%.3f%n", phi, psi, lambdaMax, lanczosConverged, lanczosProducts,
                    trace, traceStandardError, seconds);
        }
    }

    private DistributedModelMeasurer() {
    }

    public static Result measure(JavaSparkContext sc, JavaPairRDD<Long, byte[]> train, int examples, int inputs, int classes,
                                 NetArchitecture arch, INDArray params, MeasureSettings s) {
        long t0 = System.nanoTime();
        INDArray w = params.castTo(DataType.DOUBLE).reshape(1, params.length()).dup();
        double phi = DistributedMeasures.phi(sc, train, examples, inputs, classes, arch, w, s.sharpness(), s.sharpnessBatchSeed());
        double psi = DistributedMeasures.psi(sc, train, examples, inputs, classes, arch, w, s.curvature(), s.curveBatchSeed());
        long m = s.hessianExamplesOf(examples);
        try (DistributedSample sample = new DistributedSample(sc,
                RecordChunks.of(train.filter(r -> r._1() < m).values(), RecordChunks.DEFAULT_SIZE), inputs, classes)) {
            HessianOperator hessian = new HessianOperator(arch, w, sample);
            LanczosResult top = Lanczos.run(hessian, s.lanczos());
            TraceEstimate trace = Hutchinson.estimate(hessian, s.traceProbes(), s.traceSeed());
            return new Result(phi, psi, top.first(), top.converged(), top.iterations(), trace.trace(), trace.standardError(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    public static void write(RunDirectory dir, Result r) {
        dir.writeText(FILE, r.toCsv());
    }
}
