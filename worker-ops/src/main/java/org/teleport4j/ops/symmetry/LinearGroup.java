package org.teleport4j.ops.symmetry;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.ForwardPass;
import org.teleport4j.ops.math.Matrices;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;
import org.teleport4j.ops.model.HiddenActivation;

/**
 * GL(k) on a hidden layer of width k, g = I + T. Row convention: V' = V g, b' = b g, U' = g^-1 U, so
 * Z' = Z g and Z' U' = Z U: exact on all inputs for the identity activation only (refused otherwise).
 */
public final class LinearGroup extends LayerwiseAction {

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
    public long[] blockShape(int hiddenLayer) {
        int k = arch.hiddenWidth(hiddenLayer);
        return new long[]{k, k};
    }

    @Override
    protected ParamBlocks applyLayer(ParamBlocks p, int m, INDArray t, INDArray input) {
        INDArray g = Matrices.identityPlus(t);
        INDArray v = p.weight(m).mmul(g);
        INDArray b = arch.biases() ? p.bias(m).mmul(g) : null;
        INDArray u = Matrices.inverseOrNaN(g).mmul(p.weight(m + 1));
        return p.withLayer(m, v, b).withLayer(m + 1, u, p.bias(m + 1));
    }

    /** dF/dT = V^T C^V + b^T C^b - C^U U^T. */
    @Override
    protected INDArray pullBackLayer(ParamBlocks p, ParamBlocks c, int m, ForwardPass fp) {
        INDArray grad = Nd4j.gemm(p.weight(m), c.weight(m), true, false);
        if (arch.biases()) grad.addi(Nd4j.gemm(p.bias(m), c.bias(m), true, false));
        grad.subi(Nd4j.gemm(c.weight(m + 1), p.weight(m + 1), false, true));
        return grad;
    }
}
