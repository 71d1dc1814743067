package org.teleport4j.ops.symmetry;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.teleport4j.ops.math.ForwardPass;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;

/**
 * Positive rescaling of hidden neurons, g = diag(exp s) (exp keeps g positive for any s). Row convention:
 * V' = V g, b' = b g, U' = g^-1 U with V = W_m, b = b_m, U = W_{m+1}. Since sigma(c z) = c sigma(z) for
 * c > 0 when sigma is ReLU, LeakyReLU or the identity, the network function is unchanged on every input.
 */
public final class PositiveScaling extends LayerwiseAction {

    public PositiveScaling(NetArchitecture arch) {
        super(arch);
        if (!act.positivelyHomogeneous())
            throw new IllegalArgumentException("positive scaling is a symmetry only for positively homogeneous activations, not " + act);
    }

    @Override
    public String name() {
        return "positive-scaling";
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public long[] blockShape(int hiddenLayer) {
        return new long[]{1, arch.hiddenWidth(hiddenLayer)};
    }

    @Override
    protected ParamBlocks applyLayer(ParamBlocks p, int m, INDArray s, INDArray input) {
        INDArray up = Transforms.exp(s, true);                 // [1, k]
        INDArray down = Transforms.exp(s.neg(), false).reshape(up.length(), 1);   // [k, 1]
        INDArray v = p.weight(m).mulRowVector(up);             // column j of V times e^{s_j}
        INDArray b = arch.biases() ? p.bias(m).mul(up) : null;
        INDArray u = p.weight(m + 1).mulColumnVector(down);    // row j of U times e^{-s_j}
        return p.withLayer(m, v, b).withLayer(m + 1, u, p.bias(m + 1));
    }

    /** dF/ds_j = sum_i V_ij C^V_ij + b_j C^b_j - sum_l U_jl C^U_jl. */
    @Override
    protected INDArray pullBackLayer(ParamBlocks p, ParamBlocks c, int m, ForwardPass fp) {
        INDArray grad = p.weight(m).mul(c.weight(m)).sum(0).reshape(blockShape(m));
        if (arch.biases()) grad.addi(p.bias(m).mul(c.bias(m)));
        grad.subi(p.weight(m + 1).mul(c.weight(m + 1)).sum(1).reshape(blockShape(m)));
        return grad;
    }
}
