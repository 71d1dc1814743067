package org.teleport4j.driver.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.curvature.CurvatureSettings;
import org.teleport4j.ops.curvature.OrbitCurvature;
import org.teleport4j.ops.curvature.SharpnessMeasure;
import org.teleport4j.ops.curvature.SharpnessSettings;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.data.SeededBatches;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's sharpness phi and curvature psi of a model whose training data lives in an RDD: every measure batch
 * is assembled on an executor (the records of batch b are those {@link SeededBatches} picks, so the batches equal
 * the ones a model measured in memory sees), the per-batch value is computed there with worker-ops
 * ({@link SharpnessMeasure#phi}, {@link OrbitCurvature#kappaOfCurve}), and the driver averages them. Both measures
 * are per-batch (a pseudo-inverse on the batch for psi), so a batch is the unit of work: one shuffle of the chosen
 * records, then one task per group of batches.
 */
public final class DistributedMeasures {
    private DistributedMeasures() {
    }

    /** A per-batch value, computed on an executor. */
    @FunctionalInterface
    interface BatchValue extends Serializable {
        double of(int batchIndex, Batch batch, INDArray params);
    }

    /** phi over {@code s.batches()} batches of {@code s.batchSize()} (the paper: 200 of 200), batch b drawn from (batchSeed, b). */
    public static double phi(JavaSparkContext sc, JavaPairRDD<Long, byte[]> records, int n, int inputs, int classes,
                             NetArchitecture arch, INDArray params, SharpnessSettings s, long batchSeed) {
        return meanOverBatches(sc, records, n, s.batches(), s.batchSize(), batchSeed, inputs, classes, params,
                (b, batch, w) -> SharpnessMeasure.phi(arch, w, new LocalSample(batch), s, b));
    }

    /** psi over {@code c.curves()} curves, each on its own batch of {@code c.batchSize()} (the paper: 200 of 200). */
    public static double psi(JavaSparkContext sc, JavaPairRDD<Long, byte[]> records, int n, int inputs, int classes,
                             NetArchitecture arch, INDArray params, CurvatureSettings c, long batchSeed) {
        return meanOverBatches(sc, records, n, c.curves(), c.batchSize(), batchSeed, inputs, classes, params,
                (b, batch, w) -> OrbitCurvature.kappaOfCurve(arch, w, batch.features(), c, b));
    }

    static double meanOverBatches(JavaSparkContext sc, JavaPairRDD<Long, byte[]> records, int n, int count, int size, long seed,
                                  int inputs, int classes, INDArray params, BatchValue value) {
        int[][] batches = SeededBatches.indices(n, count, size, seed);
        int k = batches[0].length;
        // record index -> its places (batch * k + slot); a record may sit in several batches once the data is used up
        Map<Long, long[]> places = new HashMap<>();
        for (int b = 0; b < batches.length; b++)
            for (int j = 0; j < k; j++) {
                long place = (long) b * k + j;
                places.merge((long) batches[b][j], new long[]{place}, DistributedMeasures::concat);
            }
        Broadcast<Map<Long, long[]>> placesB = sc.broadcast(places);
        // A copy: Spark closes AutoCloseable broadcast values (INDArray is one) when they are destroyed.
        Broadcast<INDArray> w = sc.broadcast(params.dup().castTo(DataType.DOUBLE));
        try {
            double sum = records
                    .flatMapToPair(r -> {
                        long[] at = placesB.value().get(r._1());
                        List<Tuple2<Integer, Tuple2<Integer, byte[]>>> out = new ArrayList<>();
                        if (at != null) for (long p : at) out.add(new Tuple2<>((int) (p / k), new Tuple2<>((int) (p % k), r._2())));
                        return out.iterator();
                    })
                    .groupByKey()
                    .map(g -> {
                        byte[][] ordered = new byte[k][];
                        for (Tuple2<Integer, byte[]> slot : g._2()) ordered[slot._1()] = slot._2();
                        Batch batch = Batch.of(ExampleSet.toDataSet(java.util.Arrays.asList(ordered), inputs, classes, DataType.DOUBLE));
                        return value.of(g._1(), batch, w.value());
                    })
                    .reduce(Double::sum);
            return sum / batches.length;
        } finally {
            w.destroy();
            placesB.destroy();
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
