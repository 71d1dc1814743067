package org.teleport4j.ops.symmetry;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.Matrices;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;

/**
 * The pieces the GL(k)-type actions (linear GL(k), Form A, Form B) share: a k x k element g = I + T per hidden
 * layer, the incoming weights moved as V' = V g, b' = b g or the outgoing ones as U' = g^-1 U, and the terms
 * these moves contribute to the pull-back at T = 0 (V^T C^V + b^T C^b, and -C^U U^T).
 */
abstract class GeneralLinearAction extends LayerwiseAction {

    GeneralLinearAction(NetArchitecture arch) {
        super(arch);
    }

    @Override
    public final long[] blockShape(int hiddenLayer) {
        int k = arch.hiddenWidth(hiddenLayer);
        return new long[]{k, k};
    }

    /** Layer m's incoming weights and bias times g: V g, b g. */
    protected ParamBlocks incomingTimes(ParamBlocks p, int m, INDArray g) {
        return p.withLayer(m, p.weight(m).mmul(g), arch.biases() ? p.bias(m).mmul(g) : null);
    }

    /** Layer m's outgoing weights moved by g^-1 (NaN when g is singular, which the teleport rejects): g^-1 U. */
    protected ParamBlocks outgoingTimesInverse(ParamBlocks p, int m, INDArray g) {
        return p.withLayer(m + 1, Matrices.inverseOrNaN(g).mmul(p.weight(m + 1)), p.bias(m + 1));
    }

    /** d F / dT of V' = V g, b' = b g at T = 0: V^T C^V + b^T C^b (a new [k, k] array). */
    protected INDArray incomingPullBack(ParamBlocks p, ParamBlocks c, int m) {
        INDArray grad = Nd4j.gemm(p.weight(m), c.weight(m), true, false);
        if (arch.biases()) grad.addi(Nd4j.gemm(p.bias(m), c.bias(m), true, false));
        return grad;
    }

    /** C^U U^T: with U' = g^-1 U, d F / dT at T = 0 gets minus this. */
    protected INDArray outgoingPullBack(ParamBlocks p, ParamBlocks c, int m) {
        return Nd4j.gemm(c.weight(m + 1), p.weight(m + 1), false, true);
    }
}
