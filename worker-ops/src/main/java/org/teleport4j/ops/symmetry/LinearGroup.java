package org.teleport4j.ops.symmetry;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.ForwardPass;
import org.teleport4j.ops.math.Matrices;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;
import org.teleport4j.ops.model.HiddenActivation;

/**
 * GL(k) on a hidden layer of width k, g = I + T. Row convention: V' = V g, b' = b g, U' = g^-1 U, so
 * Z' = Z g and Z' U' = Z U: exact on all inputs for the identity activation only (refused otherwise).
 */
public final class LinearGroup extends GeneralLinearAction {

    public LinearGroup(NetArchitecture arch) {
        super(arch);
        if (arch.layers().activation() != HiddenActivation.IDENTITY)
            throw new IllegalArgumentException("GL(k) is a symmetry only for linear (identity) hidden layers, not " + act);
    }

    @Override
    public String name() {
        return "linear-GL(k)";
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    protected ParamBlocks applyLayer(ParamBlocks p, int m, INDArray t, INDArray input) {
        INDArray g = Matrices.identityPlus(t);
        return outgoingTimesInverse(incomingTimes(p, m, g), m, g);
    }

    /** dF/dT = V^T C^V + b^T C^b - C^U U^T. */
    @Override
    protected INDArray pullBackLayer(ParamBlocks p, ParamBlocks c, int m, ForwardPass fp) {
        return incomingPullBack(p, c, m).subi(outgoingPullBack(p, c, m));
    }
}
