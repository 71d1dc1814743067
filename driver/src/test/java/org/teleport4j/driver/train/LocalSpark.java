package org.teleport4j.driver.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.spark.SparkContexts;
import org.teleport4j.driver.config.TrainConfig;

import java.util.Map;

/** A real Spark context in local mode for tests. */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static JavaSparkContext start(int cores) {
        return SparkContexts.create(new TrainConfig.Spark("local[" + cores + "]", "teleport4j-test", Map.of()));
    }
}
