package org.teleport4j.ops.teleport;

import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;

/**
 * A function of the weights that a teleport moves up or down along a group orbit, evaluated on the
 * teleport batch. The gradient is with respect to the flat weights (DL4J layout); the group action
 * pulls it back to the group.
 */
public interface TeleportObjective {

    String name();

    /** Objective value and batch loss at the view's weights (no gradient: cheaper, for candidate points). */
    ObjectiveEvaluation evaluate(DenseNetView net, Batch batch);

    /** Objective value, batch loss and grad_w of the objective. */
    ObjectiveEvaluation evaluateWithGradient(DenseNetView net, Batch batch);
}
