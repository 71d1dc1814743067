package org.teleport4j.driver.bench;

import org.junit.jupiter.api.Test;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;

import java.io.File;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchSettingsTest {
    private static BenchSettings load(List<File> presets, String... sets) {
        return BenchSettings.from(TrainConfig.from(ConfigLoader.load(presets, List.of(sets))).raw());
    }

    @Test
    void referenceDefaultsMeasureEveryItem() {
        BenchSettings s = load(List.of());
        assertEquals(BenchSettings.ALL_PARTS, s.parts());
        assertArrayEquals(new int[]{20, 128}, s.computeBatchSizes());
        assertEquals(50_000, s.curvatureExamples());
    }

    @Test
    void quickPresetLoads() {
        BenchSettings s = load(List.of(new File("../conf/quickstart.conf"), new File("../conf/bench-quick.conf")));
        assertEquals(5, s.averagingFrequencies()[0]);
        assertTrue(s.has("memory"));
    }

    @Test
    void rejectsUnknownPartsGroupsKeysAndRanges() {
        assertThrows(BadConfigException.class, () -> load(List.of(), "bench.parts=[averaging, nonsense]"));
        assertThrows(BadConfigException.class, () -> load(List.of(), "bench.teleport.groups=[linear]"));
        assertThrows(BadConfigException.class, () -> load(List.of(), "bench.repeats=0"));
        assertThrows(BadConfigException.class, () -> load(List.of(), "bench.averaging.frequency=5"));
    }
}
