package org.teleport4j.ops.optim;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdaGradUpdater;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.NesterovsUpdater;
import org.nd4j.linalg.learning.NoOpUpdater;
import org.nd4j.linalg.learning.RmsPropUpdater;
import org.nd4j.linalg.learning.SgdUpdater;

import java.util.Map;

/**
 * The optimiser state of a DL4J network seen per parameter: each updater block covers a range of the flat
 * parameters, and each of its named state arrays (Adam's M and V, Nesterov's V, AdaGrad's and RMSProp's
 * accumulators) has one entry per parameter of that range. Applies a {@link StatePolicy} in place.
 */
public final class UpdaterStates {
    private UpdaterStates() {
    }

    /**
     * How a state array transforms under a per-weight rescaling of the weights by c: as c^-power.
     * Moments of the gradient have power 1, moments of the squared gradient power 2.
     */
    static int power(GradientUpdater<?> updater, String stateName) {
        if (updater instanceof AdamUpdater) return AdamUpdater.M_STATE.equals(stateName) ? 1 : 2;
        if (updater instanceof NesterovsUpdater) return 1;
        if (updater instanceof AdaGradUpdater || updater instanceof RmsPropUpdater) return 2;
        throw new IllegalArgumentException("optimizer-state transport does not know " + updater.getClass().getSimpleName()
                + " (state '" + stateName + "'); supported: Sgd, Nesterovs, AdaGrad, RmsProp, Adam");
    }

    /**
     * Applies the policy after a teleport. {@code weightFactors} (flat [1, N], needed only for TRANSPORT)
     * holds the factor c by which each weight was multiplied: exactly what a diagonal group does.
     */
    public static void apply(MultiLayerNetwork net, StatePolicy policy, INDArray weightFactors) {
        switch (policy) {
            case KEEP -> {
            }
            case RESET -> {
                INDArray state = net.getUpdater().getStateViewArray();
                if (state != null) state.assign(0);
                // A rebuilt optimiser starts counting steps again (Adam's bias correction reads the count).
                net.setIterationCount(0);
            }
            case TRANSPORT -> transport(net, weightFactors);
        }
    }

    static void transport(MultiLayerNetwork net, INDArray weightFactors) {
        if (weightFactors == null) throw new IllegalArgumentException("transport needs the per-weight factors of the group element");
        if (weightFactors.length() != net.numParams())
            throw new IllegalArgumentException("weight factors have " + weightFactors.length() + " entries, the network " + net.numParams());
        if (!(net.getUpdater() instanceof BaseMultiLayerUpdater<?> updater)) return;
        INDArray factors = weightFactors.reshape(1, weightFactors.length());
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            GradientUpdater<?> gu = block.getGradientUpdater();
            if (gu == null || gu instanceof SgdUpdater || gu instanceof NoOpUpdater) continue;
            INDArray c = factors.get(NDArrayIndex.point(0), NDArrayIndex.interval(block.getParamOffsetStart(), block.getParamOffsetEnd()))
                    .reshape(1, block.getParamOffsetEnd() - block.getParamOffsetStart());
            for (Map.Entry<String, INDArray> e : gu.getState().entrySet()) {
                INDArray s = e.getValue();
                INDArray scale = power(gu, e.getKey()) == 1 ? c.rdiv(1.0) : c.mul(c).rdivi(1.0);
                s.muli(scale.reshape(s.shape()).castTo(s.dataType()));
            }
        }
    }
}
