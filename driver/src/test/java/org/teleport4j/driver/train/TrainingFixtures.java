package org.teleport4j.driver.train;

import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.ops.data.RealData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small real-data training configurations for tests. */
final class TrainingFixtures {
    private TrainingFixtures() {
    }

    /** MNIST 784-16-10-10 (the paper's MNIST model) on a subset, in the given run directory. */
    static TrainConfig mnist(Path runs, String... sets) {
        List<String> all = new ArrayList<>(List.of("data.dataset=mnist", "data.dir=" + RealData.dir(), "run.dir=" + runs,
                "model.hidden=[16, 10]", "spark.master=\"local[2]\""));
        all.addAll(List.of(sets));
        return TrainConfig.from(ConfigLoader.load(List.of(), all));
    }
}
