package org.teleport4j.driver.train;

import org.apache.spark.api.java.JavaRDDLike;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * dl4j-spark's parameter-averaging master without its count job: {@code executeTrainingDirect} counts the
 * round's RDD (a whole Spark job, which also builds every DataSet once more) only to decide into how many
 * random splits to cut it. The trainer lays each round out itself and knows that count: it hands it over
 * with {@link #expect(long)} before {@code fit}, and the split decision is the same as with the job.
 */
final class KnownCountTrainingMaster extends ParameterAveragingTrainingMaster {
    private long expected = -1;

    KnownCountTrainingMaster(Builder builder) {
        super(builder);
    }

    /** The number of DataSet objects the next fit's RDD holds; negative: count it with a Spark job, as dl4j-spark does. */
    void expect(long count) {
        expected = count;
    }

    @Override
    protected <T, R extends JavaRDDLike<T, R>> long getTotalDataSetObjectCount(JavaRDDLike<T, R> data) {
        if (expected < 0) return super.getTotalDataSetObjectCount(data);
        long n = expected;
        expected = -1;
        return n;
    }
}
