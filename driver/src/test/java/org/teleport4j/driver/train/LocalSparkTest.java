package org.teleport4j.driver.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the tests that need a real Spark context in local mode (local[2]): one per test class. */
public abstract class LocalSparkTest {
    protected static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = LocalSpark.start(2);
    }

    @AfterAll
    static void stopSpark() {
        sc.close();
    }
}
