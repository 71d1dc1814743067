package org.teleport4j.ops.symmetry;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.ForwardPass;
import org.teleport4j.ops.math.Matrices;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;
import org.teleport4j.ops.math.PseudoInverse;

/**
 * The paper's Form A (used for all its teleports), in row convention with g = I + T (T is the paper's
 * T transposed). On the teleport batch with layer input H: Z = H V + b, A = sigma(Z);
 * V' = V g, b' = b g (so Z' = Z g, A' = sigma(Z')), and U' solves A' U' = A U by least squares with the
 * smallest change: U' = U + pinv(A') (A U - A' U).
 *
 * <p>The paper writes U' = pinv(A') A U. Both give the same batch outputs, and the same U' whenever A'
 * has full column rank (n >= k, the paper's runs); they differ when n < k, where the paper's form also
 * projects U onto the batch's row space (discarding what the batch cannot see) and is then not the
 * identity at T = 0. The minimal-change form is the identity at T = 0 in every regime, which keeps the
 * sequential composition and its pull-back exact.
 * Exactness on the batch: A' U' = A U iff A' has full row rank (n <= k); otherwise the batch loss drifts
 * (first order in T) and the teleport reports it.
 */
public final class FormA extends GeneralLinearAction {

    public FormA(NetArchitecture arch) {
        super(arch);
    }

    @Override
    public String name() {
        return "form-A";
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    protected ParamBlocks applyLayer(ParamBlocks p, int m, INDArray t, INDArray input) {
        INDArray g = Matrices.identityPlus(t);
        INDArray z = input.mmul(p.weight(m));
        if (arch.biases()) z.addiRowVector(p.bias(m));
        INDArray u = p.weight(m + 1);
        INDArray aMoved = act.value(z.mmul(g));                            // sigma(Z') with Z' = Z g
        INDArray residual = act.value(z).mmul(u).subi(aMoved.mmul(u));     // A U - A' U
        INDArray uMoved = u.add(PseudoInverse.of(aMoved).matrix().mmul(residual));
        return incomingTimes(p, m, g).withLayer(m + 1, uMoved, p.bias(m + 1));
    }

    /**
     * dF/dT = V^T C^V + b^T C^b - Z^T [D * ((A^+)^T C^U U^T)], D = sigma'(Z): at T = 0 the residual
     * A U - A' U vanishes, so dU' = -A^+ dA U (no derivative of the pseudo-inverse survives), and
     * dA = D * (Z dT). The transpose of the paper's closed form.
     */
    @Override
    protected INDArray pullBackLayer(ParamBlocks p, ParamBlocks c, int m, ForwardPass fp) {
        INDArray z = fp.preActivations().get(m);
        INDArray a = fp.inputs().get(m + 1);
        INDArray d = fp.slopes().get(m);
        INDArray grad = incomingPullBack(p, c, m);
        INDArray pinv = PseudoInverse.of(a).matrix();                                             // [k, n]
        INDArray cuUt = outgoingPullBack(p, c, m);                                                // C^U U^T, [k, k]
        INDArray inner = Nd4j.gemm(pinv, cuUt, true, false);                                      // (A^+)^T C^U U^T, [n, k]
        grad.subi(Nd4j.gemm(z, inner.muli(d), true, false));
        return grad;
    }
}
