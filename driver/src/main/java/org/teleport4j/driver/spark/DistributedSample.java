package org.teleport4j.driver.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.BatchSums;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;

import java.util.Collections;
import java.util.List;

/**
 * A teleport sample spread over the executors: each pass broadcasts the weights (and the direction),
 * every partition sums its examples with worker-ops' {@link DenseNetView#sums}, and treeAggregate brings
 * the {@link BatchSums} to the driver (MLlib's GradientDescent pattern). Serves the exact groups, whose
 * actions need no features; a pass costs one Spark job.
 */
public final class DistributedSample implements TeleportSample, AutoCloseable {
    private final JavaSparkContext sc;
    private final JavaRDD<List<byte[]>> chunks;
    private final int inputs;
    private final int classes;
    private int taskThreads = -1;

    /** @param chunks examples in chunks (records in {@link ExampleSet}'s layout), persisted here until close */
    public DistributedSample(JavaSparkContext sc, JavaRDD<List<byte[]>> chunks, int inputs, int classes) {
        this.sc = sc;
        this.chunks = chunks.persist(StorageLevel.MEMORY_ONLY());
        this.inputs = inputs;
        this.classes = classes;
    }

    /**
     * ND4J/OpenBLAS threads while a pass's tasks run: -1 (default) = {@link LocalThreads#perTask} of the master
     * (one thread per task for local[2] on 2 cores), 0 = ND4J's defaults, n = n; restored after the pass.
     */
    public DistributedSample taskThreads(int n) {
        this.taskThreads = n;
        return this;
    }

    @Override
    public BatchSums sums(NetArchitecture arch, INDArray params, INDArray direction) {
        // Broadcast copies: Spark closes AutoCloseable broadcast values (INDArray is one) when they are destroyed,
        // and in local mode the value is the very object passed in.
        Broadcast<INDArray> w = sc.broadcast(params.dup().castTo(DataType.DOUBLE));
        Broadcast<INDArray> v = direction == null ? null : sc.broadcast(direction.dup().castTo(DataType.DOUBLE));
        int in = inputs, cl = classes;
        int threads = taskThreads >= 0 ? taskThreads : LocalThreads.perTask(sc);
        try {
            BatchSums total = LocalThreads.with(threads, () -> chunks.mapPartitions(it -> {
                if (!it.hasNext()) return Collections.<BatchSums>emptyIterator();
                DenseNetView net = new DenseNetView(arch, w.value());
                INDArray dir = v == null ? null : v.value();
                BatchSums s = null;
                while (it.hasNext()) {
                    BatchSums part = net.sums(Batch.of(ExampleSet.toDataSet(it.next(), in, cl, DataType.DOUBLE)), dir);
                    s = s == null ? part : s.plus(part);
                }
                return Collections.singletonList(s).iterator();
            }).treeAggregate(null, DistributedSample::add, DistributedSample::add));
            if (total == null) throw new IllegalStateException("the distributed teleport sample is empty");
            return total;
        } finally {
            w.destroy();
            if (v != null) v.destroy();
        }
    }

    private static BatchSums add(BatchSums a, BatchSums b) {
        return a == null ? b : b == null ? a : a.plus(b);
    }

    @Override
    public INDArray features() {
        return null;
    }

    @Override
    public void close() {
        chunks.unpersist(false);
    }
}
