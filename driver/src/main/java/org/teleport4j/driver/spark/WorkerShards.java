package org.teleport4j.driver.spark;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.teleport4j.ops.data.ExampleSet;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The training set of one epoch laid out for parameter averaging: partition p holds, in order, every
 * minibatch that worker p trains ({@link RoundLayout}), as compact records cached in memory. A round's data
 * is a narrow map over these partitions, so dl4j-spark sees exactly one partition per worker and no shuffle.
 */
public final class WorkerShards implements Serializable {
    /** The minibatches of one worker, each a list of records. */
    public record Shard(int worker, List<List<byte[]>> minibatches) implements Serializable {
    }

    private final JavaRDD<Shard> shards;
    private final RoundLayout layout;
    private final int inputs;
    private final int classes;

    private WorkerShards(JavaRDD<Shard> shards, RoundLayout layout, int inputs, int classes) {
        this.shards = shards;
        this.layout = layout;
        this.inputs = inputs;
        this.classes = classes;
    }

    /**
     * Lays out the records; {@code order}, when not null, maps a record's position to its place in this
     * epoch (a permutation, for shuffled epochs).
     */
    public static WorkerShards build(JavaPairRDD<Long, byte[]> records, RoundLayout layout, Broadcast<long[]> order,
                                     int inputs, int classes) {
        int batch = layout.batchSize();
        JavaRDD<Shard> shards = records
                .mapToPair(t -> {
                    long place = order == null ? t._1() : order.value()[(int) (long) t._1()];
                    return new Tuple2<>(layout.workerOf(layout.minibatchOf(place)), new Tuple2<>(place, t._2()));
                })
                .partitionBy(new HashPartitioner(layout.workers()))
                .mapPartitionsWithIndex((worker, it) -> {
                    List<Tuple2<Long, byte[]>> items = new ArrayList<>();
                    it.forEachRemaining(t -> items.add(t._2()));
                    items.sort(Comparator.comparingLong(Tuple2::_1));
                    List<List<byte[]>> minibatches = new ArrayList<>();
                    long current = -1;
                    for (Tuple2<Long, byte[]> item : items) {
                        long mb = item._1() / batch;
                        if (mb != current) {
                            minibatches.add(new ArrayList<>(batch));
                            current = mb;
                        }
                        minibatches.get(minibatches.size() - 1).add(item._2());
                    }
                    return Collections.singletonList(new Shard(worker, minibatches)).iterator();
                }, true)
                .persist(StorageLevel.MEMORY_ONLY());
        shards.count();
        return new WorkerShards(shards, layout, inputs, classes);
    }

    public RoundLayout layout() {
        return layout;
    }

    /** The minibatches of round {@code round} as DataSets, one partition per worker (empty for a worker with none). */
    public JavaRDD<DataSet> round(int round, DataType dataType) {
        int f = layout.frequency();
        int in = inputs, cl = classes;
        return shards.mapPartitions(it -> {
            List<DataSet> out = new ArrayList<>(f);
            while (it.hasNext()) {
                List<List<byte[]>> mbs = it.next().minibatches();
                int from = Math.min(mbs.size(), round * f), to = Math.min(mbs.size(), (round + 1) * f);
                for (List<byte[]> mb : mbs.subList(from, to)) out.add(ExampleSet.toDataSet(mb, in, cl, dataType));
            }
            return out.iterator();
        }, true);
    }

    public void release() {
        shards.unpersist(false);
    }
}
