package org.teleport4j.driver.meta;

import com.typesafe.config.Config;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.ops.meta.MetaKind;
import org.teleport4j.ops.meta.MetaTrainingSettings;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.teleport4j.driver.config.Settings.doubleIn;
import static org.teleport4j.driver.config.Settings.intIn;

/**
 * The `meta` section: the learning-to-teleport experiment (PAPER.md item 4, Figure 6).
 *
 * @param n               optimisee size (X, Y, W0, W1 are n x n)
 * @param window          optimisee steps per truncated-backpropagation window
 * @param inputScale      factor on the gradients the LSTMs read (1 = the paper's raw gradients)
 * @param outputScale     factor on the update heads' output (1 = the paper)
 * @param trainSeed       training trajectory i draws its task from seed trainSeed + i
 * @param initSeed        seed of the LSTMs' initialisation
 * @param testSeed        test trajectory j draws its task from seed testSeed + j (disjoint from the training seeds)
 * @param testTrajectories unseen trajectories evaluated
 * @param testSteps       optimisee steps per test trajectory
 * @param plotSteps       steps shown in the loss-vs-step plot
 * @param gdLearningRate  the gradient-descent baseline's learning rate
 * @param reportSteps     steps tabulated in the summary
 * @param optimizers      the three meta-optimisers' training settings, in the order lr-tele, update-tele, update
 */
public record MetaSettings(int n, int window, double inputScale, double outputScale, long trainSeed, long initSeed, long testSeed,
                           int testTrajectories, int testSteps, int plotSteps, double gdLearningRate, int[] reportSteps,
                           Map<MetaKind, MetaTrainingSettings> optimizers) implements Serializable {

    public static MetaSettings from(Config c) {
        try {
            return parse(c);
        } catch (com.typesafe.config.ConfigException e) {
            throw new BadConfigException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static MetaSettings parse(Config c) {
        int n = intIn(c, "meta.n", 2, 200);
        int window = intIn(c, "meta.window", 1, 10_000);
        double inScale = doubleIn(c, "meta.input-scale", 0, true, 1e6);
        double outScale = doubleIn(c, "meta.output-scale", 0, true, 1e6);
        long trainSeed = c.getLong("meta.train-seed"), initSeed = c.getLong("meta.init-seed"), testSeed = c.getLong("meta.test.seed");
        Map<MetaKind, MetaTrainingSettings> opts = new LinkedHashMap<>();
        int maxTrajectories = 0;
        for (MetaKind k : MetaKind.values()) {
            String p = "meta." + k.id() + ".";
            MetaTrainingSettings s = new MetaTrainingSettings(k, n, intIn(c, p + "hidden", 1, 4096),
                    intIn(c, p + "trajectories", 1, 1_000_000), intIn(c, p + "steps", 1, 1_000_000), window,
                    doubleIn(c, p + "meta-learning-rate", 0, true, 1), inScale, outScale, trainSeed, initSeed);
            maxTrajectories = Math.max(maxTrajectories, s.trajectories());
            opts.put(k, s);
        }
        int testTrajectories = intIn(c, "meta.test.trajectories", 1, 10_000);
        // Unseen means unseen: the test seeds must not overlap any training seed.
        if (testSeed < trainSeed + maxTrajectories && trainSeed < testSeed + testTrajectories)
            throw new BadConfigException("meta.test.seed = " + testSeed + " overlaps the training seeds [" + trainSeed + ", "
                    + (trainSeed + maxTrajectories - 1) + "]: allowed a seed range disjoint from them, e.g. >= " + (trainSeed + maxTrajectories));
        int testSteps = intIn(c, "meta.test.steps", 1, 1_000_000);
        int plotSteps = intIn(c, "meta.test.plot-steps", 1, testSteps);
        double gdLr = doubleIn(c, "meta.test.gd-learning-rate", 0, true, 10);
        List<Integer> report = c.getIntList("meta.test.report-steps");
        for (int s : report)
            if (s < 1 || s > testSteps)
                throw new BadConfigException("meta.test.report-steps = " + report + ": every entry must be in [1, " + testSteps + "] (meta.test.steps)");
        return new MetaSettings(n, window, inScale, outScale, trainSeed, initSeed, testSeed, testTrajectories, testSteps, plotSteps, gdLr,
                report.stream().mapToInt(Integer::intValue).toArray(), opts);
    }
}
