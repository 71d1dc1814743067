package org.teleport4j.driver.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.config.TrainConfig;

import java.util.Map;

/** Builds the Spark context of a run: Kryo with ND4J's registrator, loopback addresses for local masters. */
public final class SparkContexts {
    private SparkContexts() {
    }

    public static SparkConf conf(TrainConfig.Spark spark) {
        SparkConf conf = new SparkConf()
                .setMaster(spark.master())
                .setAppName(spark.appName())
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", Teleport4jKryoRegistrator.class.getName())
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (spark.master().startsWith("local")) {
            // Spark may otherwise pick a non-loopback address, which an embedded run never needs.
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        for (Map.Entry<String, String> e : spark.conf().entrySet()) conf.set(e.getKey(), e.getValue());
        return conf;
    }

    public static JavaSparkContext create(TrainConfig.Spark spark) {
        JavaSparkContext sc = new JavaSparkContext(conf(spark));
        sc.setLogLevel("WARN");
        return sc;
    }
}
