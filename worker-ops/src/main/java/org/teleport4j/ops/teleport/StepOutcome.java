package org.teleport4j.ops.teleport;

/** How one teleport step ended. Anything but ACCEPTED ends the teleport (the next try would repeat it). */
public enum StepOutcome {
    /** The candidate passed every check and is the new point. */
    ACCEPTED,
    /** Already beyond the objective cap before the step: stopped without moving (the paper's stop rule). */
    CAP_REACHED,
    /** Every candidate (after all backtracks) moved the batch loss beyond the tolerance. */
    REJECTED_LOSS_DRIFT,
    /** Every candidate produced a non-finite weight, loss or objective. */
    REJECTED_NON_FINITE,
    /** Every candidate went beyond the objective cap. */
    REJECTED_CAP;

    public boolean accepted() {
        return this == ACCEPTED;
    }
}
