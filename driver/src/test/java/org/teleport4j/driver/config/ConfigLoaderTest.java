package org.teleport4j.driver.config;

import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.OptimizerKind;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ConfigLoaderTest {
    @TempDir
    Path tmp;

    static TrainConfig parse(List<File> presets, String... sets) {
        return TrainConfig.from(ConfigLoader.load(presets, List.of(sets)));
    }

    @Test
    void defaultsAreThePapersCifarModel() {
        TrainConfig c = parse(List.of());
        assertEquals(DatasetId.CIFAR10, c.data().dataset());
        assertArrayEquals(new int[]{3072, 128, 32, 10}, c.modelSpec().widths());
        assertEquals(HiddenActivation.LEAKY_RELU, c.model().activation());
        assertEquals(0.1, c.model().leakySlope());
        assertFalse(c.model().biases());
        assertEquals(OptimizerKind.SGD, c.optimizer().kind());
        assertEquals(20, c.training().batchSize());
    }

    @Test
    void setsWinOverPresetsAndLaterPresetsWin() throws IOException {
        Path a = tmp.resolve("a.conf"), b = tmp.resolve("b.conf");
        Files.writeString(a, "training.epochs = 3\noptimizer { kind = adam, learning-rate = 1e-4 }\n");
        Files.writeString(b, "teleport4j { training.epochs = 4 }\n");
        TrainConfig c = parse(List.of(a.toFile(), b.toFile()), "optimizer.kind=rmsprop", "model.hidden=[16, 10]");
        assertEquals(4, c.training().epochs());
        assertEquals(OptimizerKind.RMSPROP, c.optimizer().kind());
        assertEquals(1e-4, c.optimizer().learningRate());
        assertArrayEquals(new int[]{3072, 16, 10, 10}, c.modelSpec().widths());
    }

    @Test
    void stringValuesNeedNoQuoting() {
        TrainConfig c = parse(List.of(), "run.dir=hdfs://namenode:8020/user/t4j//runs", "data.dataset=mnist");
        assertEquals("hdfs://namenode:8020/user/t4j//runs", c.run().dir());
        assertEquals(DatasetId.MNIST, c.data().dataset());
    }

    @Test
    void unknownKeysAreRejectedByName() {
        BadConfigException e = assertThrows(BadConfigException.class, () -> parse(List.of(), "training.epoch=3"));
        assertTrue(e.getMessage().contains("training.epoch") && e.getMessage().contains("epochs"), e.getMessage());
        e = assertThrows(BadConfigException.class, () -> parse(List.of(), "nonsense.key=1"));
        assertTrue(e.getMessage().contains("nonsense.key"), e.getMessage());
    }

    @Test
    void sparkConfIsFreeForm() {
        TrainConfig c = parse(List.of(), "spark.conf.\"spark.executor.memory\"=4g");
        assertEquals("4g", c.spark().conf().get("spark.executor.memory"));
    }

    @Test
    void wrongTypesAreRejectedByName() {
        BadConfigException e = assertThrows(BadConfigException.class, () -> parse(List.of(), "training.epochs=many"));
        assertTrue(e.getMessage().contains("training.epochs"), e.getMessage());
        e = assertThrows(BadConfigException.class, () -> parse(List.of(), "model.hidden=12"));
        assertTrue(e.getMessage().contains("model.hidden"), e.getMessage());
    }

    @Test
    void outOfRangeValuesNameKeyValueAndRange() {
        BadConfigException e = assertThrows(BadConfigException.class, () -> parse(List.of(), "training.epochs=0"));
        assertTrue(e.getMessage().contains("training.epochs = 0") && e.getMessage().contains("[1,"), e.getMessage());
        e = assertThrows(BadConfigException.class, () -> parse(List.of(), "optimizer.learning-rate=-0.1"));
        assertTrue(e.getMessage().contains("optimizer.learning-rate"), e.getMessage());
        e = assertThrows(BadConfigException.class, () -> parse(List.of(), "optimizer.kind=lbfgs"));
        assertTrue(e.getMessage().contains("optimizer.kind") && e.getMessage().contains("adagrad"), e.getMessage());
        e = assertThrows(BadConfigException.class, () -> parse(List.of(), "model.hidden=[16, 0]"));
        assertTrue(e.getMessage().contains("model.hidden"), e.getMessage());
        e = assertThrows(BadConfigException.class, () -> parse(List.of(), "data.dataset=imagenet"));
        assertTrue(e.getMessage().contains("data.dataset") && e.getMessage().contains("fashion-mnist"), e.getMessage());
        e = assertThrows(BadConfigException.class, () -> parse(List.of(), "run.name=../etc"));
        assertTrue(e.getMessage().contains("run.name"), e.getMessage());
    }

    @Test
    void missingPresetIsBadConfig() {
        BadConfigException e = assertThrows(BadConfigException.class, () -> parse(List.of(tmp.resolve("nope.conf").toFile())));
        assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
    }

    @Test
    void everyShippedPresetIsValid() throws IOException {
        File conf = new File("../conf");
        // spark-*.conf are Spark properties files (spark-submit --properties-file), not teleport4j presets.
        File[] presets = conf.listFiles((d, n) -> n.endsWith(".conf") && !n.equals("reference.conf") && !n.startsWith("spark-"));
        assertNotNull(presets);
        assertTrue(presets.length >= 4);
        for (File p : presets) assertNotNull(parse(List.of(p)), p.getName());
    }

    @Test
    void runIdFollowsTheConfigButNotTheDirectories() {
        TrainConfig a = parse(List.of(), "training.epochs=3");
        TrainConfig b = parse(List.of(), "training.epochs=3", "run.dir=/elsewhere");
        TrainConfig c = parse(List.of(), "training.epochs=4");
        assertEquals(a.runId(), b.runId());
        assertNotEquals(a.runId(), c.runId());
        assertEquals("mine", parse(List.of(), "run.id=mine").runId());
        Config raw = a.raw();
        assertTrue(a.runId().startsWith(raw.getString("run.name") + "-"));
    }
}
