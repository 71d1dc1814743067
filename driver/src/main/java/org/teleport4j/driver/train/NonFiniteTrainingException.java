package org.teleport4j.driver.train;

import java.util.Locale;

/**
 * Training diverged: after an averaging round the averaged loss or parameters were NaN or infinite. Thrown
 * before that epoch is checkpointed, so the run directory keeps its earlier, finite checkpoints.
 */
public final class NonFiniteTrainingException extends RuntimeException {
    private final transient RoundInfo round;

    public NonFiniteTrainingException(RoundInfo round, String what) {
        // 1-based in the message, as on the console.
        super(String.format(Locale.ROOT, "training diverged in epoch %d, averaging round %d/%d (global round %d): %s; "
                        + "lower optimizer.learning-rate (the run directory keeps the checkpoints of earlier epochs)",
                round.epoch() + 1, round.round() + 1, round.roundsPerEpoch(), round.globalRound(), what));
        this.round = round;
    }

    /** The round after which the averaged network was found non-finite (0-based fields). */
    public RoundInfo round() {
        return round;
    }
}
