package org.teleport4j.driver.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.driver.config.TrainConfig;

import java.net.URI;
import java.util.Map;

/**
 * Builds the Spark context of a run: Kryo with ND4J's registrator, loopback addresses for local masters and
 * for a cluster on this machine. Under spark-submit, its --master wins over the config's spark.master (the
 * config's default, local[*], is meant for the local launcher).
 */
public final class SparkContexts {
    /** The system property spark-submit sets from --master. */
    static final String SUBMITTED_MASTER = "spark.master";

    private SparkContexts() {
    }

    public static SparkConf conf(TrainConfig.Spark spark) {
        SparkConf conf = new SparkConf()
                .setMaster(effectiveMaster(spark))
                .setAppName(spark.appName())
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", Teleport4jKryoRegistrator.class.getName())
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (isLoopback(conf.get("spark.master"))) {
            // Spark may otherwise pick a non-loopback address, which a run on this machine never needs;
            // executors in other JVMs connect back to the driver at this address.
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        for (Map.Entry<String, String> e : spark.conf().entrySet()) conf.set(e.getKey(), e.getValue());
        return conf;
    }

    /** spark-submit's --master when running under spark-submit, else the config's spark.master. */
    public static String effectiveMaster(TrainConfig.Spark spark) {
        String submitted = System.getProperty(SUBMITTED_MASTER);
        return submitted != null && !submitted.isBlank() ? submitted : spark.master();
    }

    /** True for local masters and for cluster masters on 127.0.0.1 / localhost. */
    static boolean isLoopback(String master) {
        if (master.startsWith("local")) return true;
        if (!master.startsWith("spark://")) return false;
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            String host = URI.create("spark://" + hostPort).getHost();
            if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) return false;
        }
        return true;
    }

    public static JavaSparkContext create(TrainConfig.Spark spark) {
        JavaSparkContext sc = new JavaSparkContext(conf(spark));
        sc.setLogLevel("WARN");
        return sc;
    }
}
