package org.teleport4j.jobs;

import org.apache.spark.api.plugin.SparkPlugin;
import org.junit.jupiter.api.Test;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** conf/gpu.conf (teleport4j preset) and conf/spark-gpu-defaults.conf (spark-submit) say the same thing, and it is valid. */
class GpuSettingsTest {
    static final Path CONF = Path.of("..", "conf").toAbsolutePath().normalize();

    static Map<String, String> sparkDefaults() throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(CONF.resolve("spark-gpu-defaults.conf"))) {
            p.load(r);
        }
        Map<String, String> out = new TreeMap<>();
        for (String k : p.stringPropertyNames()) out.put(k, p.getProperty(k).trim());
        return out;
    }

    static TrainConfig gpuPreset() {
        return TrainConfig.from(ConfigLoader.load(List.of(CONF.resolve("paper-cifar10.conf").toFile(), CONF.resolve("gpu.conf").toFile()), List.of()));
    }

    @Test
    void bothFilesCarryTheSameSparkSettings() throws Exception {
        assertEquals(sparkDefaults(), new TreeMap<>(gpuPreset().spark().conf()));
    }

    @Test
    void theyAskForOneGpuPerExecutorAndTaskAndBindIt() throws Exception {
        Map<String, String> s = sparkDefaults();
        assertEquals("1", s.get("spark.executor.resource.gpu.amount"));
        assertEquals("1", s.get("spark.task.resource.gpu.amount"));
        assertEquals("PCI_BUS_ID", s.get("spark.executorEnv.CUDA_DEVICE_ORDER"));
        Class<?> plugin = Class.forName(s.get("spark.plugins"));
        assertTrue(SparkPlugin.class.isAssignableFrom(plugin), plugin + " is a SparkPlugin");
    }

    @Test
    void theDiscoveryScriptTheSubmitWrapperNamesExists() throws Exception {
        String wrapper = Files.readString(CONF.resolveSibling("deploy/spark-submit.sh"));
        assertTrue(wrapper.contains("spark.executor.resource.gpu.discoveryScript=$repo/deploy/gpu-discovery.sh"), "deploy/spark-submit.sh");
        assertTrue(Files.isExecutable(CONF.resolveSibling("deploy/gpu-discovery.sh")));
    }
}
