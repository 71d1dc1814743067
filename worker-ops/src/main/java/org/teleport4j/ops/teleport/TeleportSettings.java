package org.teleport4j.ops.teleport;

/**
 * How a teleport runs. Immutable; the {@code with...} methods return modified copies.
 *
 * @param steps           number of ascent (descent) steps S
 * @param stepSize        the group step: T = +/- stepSize * pull-back
 * @param direction       ascent or descent of the objective
 * @param lossTolerance   largest accepted relative change of the batch loss from its value before the
 *                        teleport (the total drift, not per step); 1e-9 for exact groups by default,
 *                        looser (e.g. 1e-2) for the data-dependent Form A/B
 * @param backtrackFactor step-size multiplier after a failed candidate, in (0, 1)
 * @param maxBacktracks   how many times a step may shrink before it is rejected (and the teleport stops)
 * @param objectiveCap    the paper's cap: the teleport stops when the objective is beyond it (above for
 *                        ascent, below for descent), and no candidate beyond it is accepted; NaN = none
 * @param trustRadius     largest Frobenius norm of one step's element (all blocks together); +Inf = none
 */
public record TeleportSettings(int steps, double stepSize, TeleportDirection direction, double lossTolerance,
                               double backtrackFactor, int maxBacktracks, double objectiveCap, double trustRadius) {

    public static final double EXACT_LOSS_TOLERANCE = 1e-9;
    public static final double DATA_DEPENDENT_LOSS_TOLERANCE = 1e-2;

    public TeleportSettings {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        if (!(stepSize > 0) || Double.isInfinite(stepSize)) throw new IllegalArgumentException("step size must be positive and finite, got " + stepSize);
        if (direction == null) throw new IllegalArgumentException("direction must not be null");
        if (!(lossTolerance >= 0)) throw new IllegalArgumentException("loss tolerance must be >= 0, got " + lossTolerance);
        if (!(backtrackFactor > 0 && backtrackFactor < 1)) throw new IllegalArgumentException("backtrack factor must be in (0, 1), got " + backtrackFactor);
        if (maxBacktracks < 0) throw new IllegalArgumentException("max backtracks must be >= 0, got " + maxBacktracks);
        if (Double.isInfinite(objectiveCap)) throw new IllegalArgumentException("objective cap must be finite or NaN (none), got " + objectiveCap);
        if (!(trustRadius > 0)) throw new IllegalArgumentException("trust radius must be positive (+Inf = none), got " + trustRadius);
    }

    /** Ascent with the tight tolerance of an exact (loss-preserving) group; halve up to 10 times; no cap, no trust region. */
    public static TeleportSettings forExactGroup(int steps, double stepSize) {
        return new TeleportSettings(steps, stepSize, TeleportDirection.ASCENT, EXACT_LOSS_TOLERANCE, 0.5, 10, Double.NaN, Double.POSITIVE_INFINITY);
    }

    /** Ascent with the looser tolerance for Form A/B, whose batch loss drifts unless n is small. */
    public static TeleportSettings forDataDependentGroup(int steps, double stepSize) {
        return new TeleportSettings(steps, stepSize, TeleportDirection.ASCENT, DATA_DEPENDENT_LOSS_TOLERANCE, 0.5, 10, Double.NaN, Double.POSITIVE_INFINITY);
    }

    public TeleportSettings withDirection(TeleportDirection d) {
        return new TeleportSettings(steps, stepSize, d, lossTolerance, backtrackFactor, maxBacktracks, objectiveCap, trustRadius);
    }

    public TeleportSettings withLossTolerance(double tol) {
        return new TeleportSettings(steps, stepSize, direction, tol, backtrackFactor, maxBacktracks, objectiveCap, trustRadius);
    }

    public TeleportSettings withBacktracking(double factor, int max) {
        return new TeleportSettings(steps, stepSize, direction, lossTolerance, factor, max, objectiveCap, trustRadius);
    }

    public TeleportSettings withObjectiveCap(double cap) {
        return new TeleportSettings(steps, stepSize, direction, lossTolerance, backtrackFactor, maxBacktracks, cap, trustRadius);
    }

    public TeleportSettings withTrustRadius(double radius) {
        return new TeleportSettings(steps, stepSize, direction, lossTolerance, backtrackFactor, maxBacktracks, objectiveCap, radius);
    }

    public TeleportSettings withSteps(int s) {
        return new TeleportSettings(s, stepSize, direction, lossTolerance, backtrackFactor, maxBacktracks, objectiveCap, trustRadius);
    }

    public TeleportSettings withStepSize(double eta) {
        return new TeleportSettings(steps, eta, direction, lossTolerance, backtrackFactor, maxBacktracks, objectiveCap, trustRadius);
    }

    public boolean hasCap() {
        return !Double.isNaN(objectiveCap);
    }
}
