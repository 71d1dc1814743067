package org.teleport4j.ops.symmetry;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.teleport4j.ops.math.ForwardPass;
import org.teleport4j.ops.math.Matrices;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;
import org.teleport4j.ops.math.PseudoInverse;

/**
 * The paper's Form B (its curvature measure and meta-learning), row convention, g = I + T. On the batch
 * with layer input H: Z = H V + b, A = sigma(Z). The activations become A g: the incoming weights solve
 * H V' + b' = sigma^-1(A g) by least squares with the smallest change,
 * [V'; b'] = [V; b] + pinv([H, 1]) (sigma^-1(A g) - Z) (no ones column without biases), and U' = g^-1 U.
 *
 * <p>The paper writes V' = sigma^-1(g sigma(V h)) h^+ (paper convention). Both give the same batch
 * pre-activations (Z lies in the column space of [H, 1]) and the same V' whenever [H, 1] has full column
 * rank (n >= d_m (+1)); when n is below the input width the paper's form also projects V onto the batch's
 * row space and is not the identity at T = 0, while this form is, in every regime.
 * Exact on the batch iff [H, 1] has full row rank (n <= d_m, or d_m + 1 with biases). Needs an invertible
 * activation (LeakyReLU with slope a > 0 inverts with slope 1/a, tanh by atanh; not ReLU).
 */
public final class FormB extends GeneralLinearAction {

    public FormB(NetArchitecture arch) {
        super(arch);
        if (!act.invertible()) throw new IllegalArgumentException("Form B needs an invertible activation, not " + act);
    }

    @Override
    public String name() {
        return "form-B";
    }

    @Override
    public boolean isExact() {
        return false;
    }

    private INDArray design(INDArray input) {
        return arch.biases() ? Matrices.withOnesColumn(input) : input;
    }

    @Override
    protected ParamBlocks applyLayer(ParamBlocks p, int m, INDArray t, INDArray input) {
        INDArray g = Matrices.identityPlus(t);
        INDArray z = input.mmul(p.weight(m));
        if (arch.biases()) z.addiRowVector(p.bias(m));
        INDArray zTarget = act.inverse(act.value(z).mmul(g));
        INDArray change = PseudoInverse.of(design(input)).matrix().mmul(zTarget.subi(z));   // [d_m (+1), k]
        int dIn = arch.width(m);
        INDArray v = p.weight(m).add(change.get(NDArrayIndex.interval(0, dIn), NDArrayIndex.all()));
        INDArray b = arch.biases() ? p.bias(m).add(change.get(NDArrayIndex.interval(dIn, dIn + 1), NDArrayIndex.all())) : null;
        return outgoingTimesInverse(p.withLayer(m, v, b), m, g);
    }

    /**
     * dF/dT = A^T [(P^T C^{Vb}) / D] - C^U U^T with P = pinv([H, 1]), C^{Vb} = [C^V; C^b], D = sigma'(Z):
     * at T = 0, d sigma^-1(A g) = (A dT) / sigma'(Z), d[V'; b'] = P of that, dU' = -dT U.
     */
    @Override
    protected INDArray pullBackLayer(ParamBlocks p, ParamBlocks c, int m, ForwardPass fp) {
        INDArray input = fp.inputs().get(m);
        INDArray a = fp.inputs().get(m + 1);
        INDArray d = fp.slopes().get(m);
        INDArray cvb = arch.biases() ? Nd4j.vstack(c.weight(m), c.bias(m)) : c.weight(m);
        INDArray pinv = PseudoInverse.of(design(input)).matrix();                  // [d_m (+1), n]
        INDArray inner = Nd4j.gemm(pinv, cvb, true, false).divi(d);                // [n, k]
        INDArray grad = Nd4j.gemm(a, inner, true, false);
        grad.subi(outgoingPullBack(p, c, m));
        return grad;
    }
}
