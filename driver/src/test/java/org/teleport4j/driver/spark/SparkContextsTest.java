package org.teleport4j.driver.spark;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleport4j.driver.config.TrainConfig;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SparkContextsTest {
    @AfterEach
    void clear() {
        System.clearProperty(SparkContexts.SUBMITTED_MASTER);
    }

    static TrainConfig.Spark spark(String master, Map<String, String> conf) {
        return new TrainConfig.Spark(master, "test", conf);
    }

    @Test
    void loopbackMastersAreLocalOnesAndClustersOnThisMachine() {
        assertTrue(SparkContexts.isLoopback("local[2]"));
        assertTrue(SparkContexts.isLoopback("spark://127.0.0.1:7077"));
        assertTrue(SparkContexts.isLoopback("spark://localhost:7077,127.0.0.1:7078"));
        assertFalse(SparkContexts.isLoopback("spark://10.1.2.3:7077"));
        assertFalse(SparkContexts.isLoopback("spark://127.0.0.1:7077,master2:7077"));
        assertFalse(SparkContexts.isLoopback("yarn"));
        assertFalse(SparkContexts.isLoopback("k8s://https://127.0.0.1:6443"));
    }

    @Test
    void aClusterOnThisMachineGetsALoopbackDriver() {
        SparkConf conf = SparkContexts.conf(spark("spark://127.0.0.1:7077", Map.of()));
        assertEquals("127.0.0.1", conf.get("spark.driver.host"));
        assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
        assertFalse(SparkContexts.conf(spark("spark://10.1.2.3:7077", Map.of())).contains("spark.driver.host"));
        assertEquals("10.0.0.5", SparkContexts.conf(spark("local[1]", Map.of("spark.driver.host", "10.0.0.5"))).get("spark.driver.host"),
                "spark.conf wins");
    }

    @Test
    void spark_submitsMasterWinsOverTheConfigs() {
        assertEquals("local[*]", SparkContexts.effectiveMaster(spark("local[*]", Map.of())));
        System.setProperty(SparkContexts.SUBMITTED_MASTER, "spark://127.0.0.1:7077");
        assertEquals("spark://127.0.0.1:7077", SparkContexts.effectiveMaster(spark("local[*]", Map.of())));
        SparkConf conf = SparkContexts.conf(spark("local[*]", Map.of()));
        assertEquals("spark://127.0.0.1:7077", conf.get("spark.master"));
        assertEquals(Teleport4jKryoRegistrator.class.getName(), conf.get("spark.kryo.registrator"));
    }
}
