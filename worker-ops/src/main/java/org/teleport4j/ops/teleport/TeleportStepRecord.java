package org.teleport4j.ops.teleport;

/**
 * One teleport step. For a rejected step the "after" values are those of the last candidate tried
 * (NaN when it was non-finite), and the teleport's weights did not move.
 *
 * @param step            0-based step index
 * @param objectiveBefore objective at the step's start
 * @param objectiveAfter  objective at the accepted (or last tried) candidate
 * @param lossBefore      batch loss at the step's start
 * @param lossAfter       batch loss at the accepted (or last tried) candidate
 * @param stepSize        the step size finally used (after backtracking)
 * @param elementNorm     Frobenius norm of the group element (all blocks) finally used
 * @param backtracks      how many times the step was shrunk
 * @param outcome         accepted, or why not
 */
public record TeleportStepRecord(int step, double objectiveBefore, double objectiveAfter, double lossBefore, double lossAfter,
                                 double stepSize, double elementNorm, int backtracks, StepOutcome outcome) {

    public boolean accepted() {
        return outcome.accepted();
    }
}
