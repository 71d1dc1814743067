package org.teleport4j.ops.teleport;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;
import org.teleport4j.ops.symmetry.GroupAction;
import org.teleport4j.ops.symmetry.Tangent;

/**
 * A function of the weights that a teleport moves up or down along a group orbit, evaluated on the
 * teleport sample (in memory or spread over executors: objectives see only its sums). The gradient is with
 * respect to the flat weights (DL4J layout); the group action pulls it back to the group.
 */
public interface TeleportObjective {

    String name();

    /** Objective value and sample loss L(w) (no gradient: cheaper, for candidate points). */
    ObjectiveEvaluation evaluate(NetArchitecture arch, INDArray params, TeleportSample sample);

    /** Objective value, sample loss L(w) and grad_w of the objective. */
    ObjectiveEvaluation evaluateWithGradient(NetArchitecture arch, INDArray params, TeleportSample sample);

    /**
     * d F(apply(w, T)) / dT at the identity: the direction a teleport step follows. By default the group's
     * pull-back of grad_w F, taken from {@code here} (this objective's evaluation with gradient at w). An objective
     * without a weight gradient (the orbit curvature) overrides this, e.g. with central differences in the group's
     * few parameters, and may then return a null gradient from {@link #evaluateWithGradient}.
     */
    default Tangent groupGradient(GroupAction group, NetArchitecture arch, INDArray params, TeleportSample sample, ObjectiveEvaluation here) {
        return group.pullBack(params, here.gradient(), group.isExact() ? null : sample.features());
    }

    default ObjectiveEvaluation evaluate(DenseNetView net, Batch batch) {
        return evaluate(net.architecture(), net.flatParameters(), new LocalSample(batch));
    }

    default ObjectiveEvaluation evaluateWithGradient(DenseNetView net, Batch batch) {
        return evaluateWithGradient(net.architecture(), net.flatParameters(), new LocalSample(batch));
    }
}
