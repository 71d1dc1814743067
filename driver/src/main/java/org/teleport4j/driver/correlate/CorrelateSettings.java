package org.teleport4j.driver.correlate;

import com.typesafe.config.Config;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.ops.curvature.CurvatureSettings;
import org.teleport4j.ops.curvature.SharpnessSettings;

import java.io.Serializable;

import static org.teleport4j.driver.config.Settings.doubleIn;
import static org.teleport4j.driver.config.Settings.intIn;

/**
 * The `correlate` section: how many models, and how each is measured (PAPER.md experiment 2).
 *
 * @param models              models trained; model i uses seed run.seed + i (only the init differs)
 * @param radiusFirst         first sharpness radius t
 * @param radiusStep          step between radii
 * @param radii               number of radii
 * @param sharpnessBatches    batches phi averages over (one direction per radius per batch)
 * @param sharpnessBatchSize  training examples per phi batch
 * @param curves              orbit curves psi averages over, each on a fresh batch
 * @param curveBatchSize      training examples per curve's batch
 * @param hessianExamples     training examples the Hessian measures (lambda_max, trace) use (0 = all)
 * @param lanczosTolerance    relative residual at which lambda_max is accepted
 * @param lanczosIterations   most HVP passes for lambda_max
 * @param traceProbes         Hutchinson probes for the trace
 * @param measureSeed         seed of the measurement draws (batches, directions, generators, probes): shared by every
 *                            model, so differences between models are not measurement noise
 */
public record CorrelateSettings(int models, double radiusFirst, double radiusStep, int radii, int sharpnessBatches,
                                int sharpnessBatchSize, int curves, int curveBatchSize, int hessianExamples,
                                double lanczosTolerance, int lanczosIterations, int traceProbes, long measureSeed)
        implements Serializable {

    public static CorrelateSettings from(Config c) {
        try {
            return new CorrelateSettings(intIn(c, "correlate.models", 3, 100_000),
                    doubleIn(c, "correlate.sharpness.radius-first", 0, true, 1e3),
                    doubleIn(c, "correlate.sharpness.radius-step", 0, false, 1e3),
                    intIn(c, "correlate.sharpness.radii", 1, 10_000),
                    intIn(c, "correlate.sharpness.batches", 1, 1_000_000),
                    intIn(c, "correlate.sharpness.batch-size", 1, 1 << 20),
                    intIn(c, "correlate.curvature.curves", 1, 1_000_000),
                    intIn(c, "correlate.curvature.batch-size", 1, 1 << 20),
                    intIn(c, "correlate.hessian.examples", 0, Integer.MAX_VALUE),
                    doubleIn(c, "correlate.hessian.lanczos-tolerance", 0, true, 1),
                    intIn(c, "correlate.hessian.lanczos-iterations", 1, 100_000),
                    intIn(c, "correlate.hessian.trace-probes", 1, 1_000_000),
                    c.getLong("correlate.measure-seed"));
        } catch (com.typesafe.config.ConfigException e) {
            throw new BadConfigException("invalid configuration: " + e.getMessage(), e);
        }
    }

    public SharpnessSettings sharpness() {
        double[] t = new double[radii];
        // 12 significant digits: 0.001 + 0.01 i prints as 0.011, not 0.011000000000000001 (as SharpnessSettings does)
        for (int i = 0; i < radii; i++) t[i] = Double.parseDouble(String.format("%.12g", radiusFirst + radiusStep * i));
        return new SharpnessSettings(t, 1, sharpnessBatches, sharpnessBatchSize, measureSeed);
    }

    public CurvatureSettings curvature() {
        return new CurvatureSettings(curves, curveBatchSize, measureSeed);
    }
}
