package org.teleport4j.driver.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.eval.LossAccuracySums;

import java.util.Collections;
import java.util.List;

/**
 * Mean loss and accuracy of a network over a cached dataset: broadcast the weights, sum per partition
 * (worker-ops' {@link LossAccuracySums}), treeAggregate to the driver. One pass gives both numbers.
 */
public final class DistributedEvaluation {
    private final JavaRDD<List<byte[]>> chunks;
    private final JavaSparkContext sc;
    private final int inputs;
    private final int classes;
    private final long size;

    public DistributedEvaluation(JavaSparkContext sc, JavaPairRDD<Long, byte[]> records, int inputs, int classes) {
        this.sc = sc;
        this.inputs = inputs;
        this.classes = classes;
        this.chunks = RecordChunks.of(records.values(), RecordChunks.DEFAULT_SIZE).persist(StorageLevel.MEMORY_ONLY());
        this.size = chunks.map(List::size).fold(0, Integer::sum);
    }

    public long size() {
        return size;
    }

    public LossAccuracySums evaluate(MultiLayerNetwork net) {
        Broadcast<String> conf = sc.broadcast(net.getLayerWiseConfigurations().toJson());
        // A copy: Spark closes AutoCloseable broadcast values (INDArray is one) when they are destroyed.
        Broadcast<INDArray> params = sc.broadcast(net.params().dup());
        DataType dataType = net.params().dataType();
        int in = inputs, cl = classes;
        try {
            return chunks.mapPartitions(it -> {
                if (!it.hasNext()) return Collections.<LossAccuracySums>emptyIterator();
                MultiLayerNetwork local = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.value()));
                local.init(params.value().dup(), false);
                LossAccuracySums sums = LossAccuracySums.ZERO;
                while (it.hasNext()) sums = sums.plus(LossAccuracySums.of(local, ExampleSet.toDataSet(it.next(), in, cl, dataType)));
                return Collections.singletonList(sums).iterator();
            }).treeAggregate(LossAccuracySums.ZERO, LossAccuracySums::plus, LossAccuracySums::plus);
        } finally {
            conf.destroy();
            params.destroy();
        }
    }

    public void release() {
        chunks.unpersist(false);
    }
}
