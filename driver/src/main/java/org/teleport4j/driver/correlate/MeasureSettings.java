package org.teleport4j.driver.correlate;

import com.typesafe.config.Config;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.ops.curvature.CurvatureSettings;
import org.teleport4j.ops.curvature.LanczosSettings;
import org.teleport4j.ops.curvature.RandomDraws;
import org.teleport4j.ops.curvature.SharpnessSettings;

import java.io.Serializable;

import static org.teleport4j.driver.config.Settings.doubleIn;
import static org.teleport4j.driver.config.Settings.intIn;

/**
 * The `measure` section: how a model's sharpness phi, curvature psi, top Hessian eigenvalue and Hessian trace are
 * measured on its training data (PAPER.md experiment 2). Used by the correlate job (each model in memory) and by
 * the train job's measurement after training (over the executors).
 *
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
public record MeasureSettings(double radiusFirst, double radiusStep, int radii, int sharpnessBatches,
                                int sharpnessBatchSize, int curves, int curveBatchSize, int hessianExamples,
                                double lanczosTolerance, int lanczosIterations, int traceProbes, long measureSeed)
        implements Serializable {

    public static MeasureSettings from(Config c) {
        try {
            return new MeasureSettings(
                    doubleIn(c, "measure.sharpness.radius-first", 0, true, 1e3),
                    doubleIn(c, "measure.sharpness.radius-step", 0, false, 1e3),
                    intIn(c, "measure.sharpness.radii", 1, 10_000),
                    intIn(c, "measure.sharpness.batches", 1, 1_000_000),
                    intIn(c, "measure.sharpness.batch-size", 1, 1 << 20),
                    intIn(c, "measure.curvature.curves", 1, 1_000_000),
                    intIn(c, "measure.curvature.batch-size", 1, 1 << 20),
                    intIn(c, "measure.hessian.examples", 0, Integer.MAX_VALUE),
                    doubleIn(c, "measure.hessian.lanczos-tolerance", 0, true, 1),
                    intIn(c, "measure.hessian.lanczos-iterations", 1, 100_000),
                    intIn(c, "measure.hessian.trace-probes", 1, 1_000_000),
                    c.getLong("measure.seed"));
        } catch (com.typesafe.config.ConfigException e) {
            throw new BadConfigException("invalid configuration: " + e.getMessage(), e);
        }
    }

    public SharpnessSettings sharpness() {
        return new SharpnessSettings(SharpnessSettings.arithmetic(radiusFirst, radiusStep, radii), 1, sharpnessBatches, sharpnessBatchSize, measureSeed);
    }

    public CurvatureSettings curvature() {
        return new CurvatureSettings(curves, curveBatchSize, measureSeed);
    }

    // Every draw of a measurement derives from the measure seed here, in one place, so that a model measured in
    // memory (ModelMeasurer) and one measured over the executors (DistributedModelMeasurer) see the same draws.

    /** Seed of the phi batches ({@link org.teleport4j.ops.data.SeededBatches}). */
    public long sharpnessBatchSeed() {
        return RandomDraws.derive(measureSeed, 1);
    }

    /** Seed of the psi curves' batches. */
    public long curveBatchSeed() {
        return RandomDraws.derive(measureSeed, 2);
    }

    /** Lanczos for lambda_max: its start vector, tolerance and product limit. */
    public LanczosSettings lanczos() {
        return LanczosSettings.top(1, RandomDraws.derive(measureSeed, 3)).withTolerance(lanczosTolerance).withMaxIterations(lanczosIterations);
    }

    /** Seed of the Hutchinson probes. */
    public long traceSeed() {
        return RandomDraws.derive(measureSeed, 4);
    }

    /** The first this many of {@code available} training examples are the Hessian measures' data. */
    public int hessianExamplesOf(int available) {
        return hessianExamples == 0 ? available : Math.min(hessianExamples, available);
    }
}
