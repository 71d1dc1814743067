package org.teleport4j.ops.meta;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the optimisee's gradients come from. They enter the meta-optimiser as constants (first-order meta-learning:
 * no derivative flows through them), so a central-difference check of the meta-gradient must hold them fixed too:
 * {@link #recording} remembers the gradients of one run and {@link #replaying} feeds them back to perturbed runs.
 */
@FunctionalInterface
public interface GradientSource {
    /** {dL/dW0, dL/dW1} at (w0, w1). */
    INDArray[] gradient(RegressionTask task, INDArray w0, INDArray w1);

    static GradientSource exact() {
        return RegressionTask::gradientOf;
    }

    /** Computes exact gradients and appends them to {@code log}. */
    static GradientSource recording(List<INDArray[]> log) {
        return (task, w0, w1) -> {
            INDArray[] g = task.gradient(w0, w1);
            log.add(new INDArray[]{g[0].dup(), g[1].dup()});
            return g;
        };
    }

    /** Returns the logged gradients in order, whatever the weights. */
    static GradientSource replaying(List<INDArray[]> log) {
        List<INDArray[]> copy = new ArrayList<>(log);
        int[] next = {0};
        return (task, w0, w1) -> copy.get(next[0]++);
    }
}
