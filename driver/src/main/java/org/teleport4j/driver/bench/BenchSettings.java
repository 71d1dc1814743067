package org.teleport4j.driver.bench;

import com.typesafe.config.Config;
import org.teleport4j.driver.config.BadConfigException;

import java.util.List;
import java.util.Set;

import static org.teleport4j.driver.config.Settings.doubleIn;
import static org.teleport4j.driver.config.Settings.intIn;
import static org.teleport4j.driver.config.Settings.positiveInts;

/** The validated {@code bench.*} section (see conf/reference.conf for every key and its range). */
public record BenchSettings(List<String> parts, int repeats,
                            int averagingExamples, int averagingEpochs, int[] averagingFrequencies,
                            int[] computeBatchSizes, int computeExamples,
                            List<String> teleportGroups, int teleportSteps, int teleportSampleSize, double teleportStepSize,
                            int curvatureExamples, double curvatureTolerance, int curvatureMaxProducts, int[] hvpBatchSizes, int hvpRepeats,
                            int sweepTrials, int sweepExamples, int sweepEpochs,
                            boolean quickstartChild) {
    public static final List<String> ALL_PARTS = List.of("averaging", "compute", "teleport", "curvature", "sweep", "memory");
    static final Set<String> GROUPS = Set.of("scaling", "form-a");

    public static BenchSettings from(Config c) {
        List<String> parts = c.getStringList("bench.parts");
        for (String p : parts)
            if (!ALL_PARTS.contains(p)) throw new BadConfigException("bench.parts: '" + p + "' is not allowed: allowed " + ALL_PARTS);
        List<String> groups = c.getStringList("bench.teleport.groups");
        for (String g : groups)
            if (!GROUPS.contains(g)) throw new BadConfigException("bench.teleport.groups: '" + g + "' is not allowed: allowed " + GROUPS);
        return new BenchSettings(parts, intIn(c, "bench.repeats", 1, 100),
                intIn(c, "bench.averaging.examples", 100, 60_000), intIn(c, "bench.averaging.epochs", 1, 100),
                positiveInts(c, "bench.averaging.frequencies", 1, 10_000),
                positiveInts(c, "bench.compute.batch-sizes", 1, 4096), intIn(c, "bench.compute.examples", 100, 60_000),
                groups, intIn(c, "bench.teleport.steps", 1, 1000), intIn(c, "bench.teleport.sample-size", 1, 60_000),
                doubleIn(c, "bench.teleport.step-size", 0, true, 100),
                intIn(c, "bench.curvature.examples", 100, 60_000), doubleIn(c, "bench.curvature.tolerance", 0, true, 1),
                intIn(c, "bench.curvature.max-products", 2, 1000), positiveInts(c, "bench.curvature.hvp-batch-sizes", 1, 60_000),
                intIn(c, "bench.curvature.hvp-repeats", 1, 1000),
                intIn(c, "bench.sweep.trials", 1, 1000), intIn(c, "bench.sweep.examples", 20, 60_000), intIn(c, "bench.sweep.epochs", 1, 100),
                c.getBoolean("bench.memory.quickstart"));
    }

    public boolean has(String part) {
        return parts.contains(part);
    }
}
