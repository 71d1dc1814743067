package org.teleport4j.ops.math;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.model.MlpSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A dense network's math over DL4J parameters, in double precision and DL4J's row convention
 * (samples are rows, Z_m = H_m W_m + b_m, W_m of shape [d_m, d_{m+1}]): forward pass, loss, gradient and
 * the exact Hessian-vector product by Pearlmutter's R-operator (no finite differences).
 *
 * <p>Everything is computed as sums over the batch rows ({@link #sums}); the mean functions divide by the
 * batch size, matching DL4J's {@code score()} (mean) and {@code computeGradientAndScore()} gradient / n.
 * The view is immutable: it copies the parameters once and never writes to them.
 */
public final class DenseNetView {
    private final NetArchitecture arch;
    private final ParamBlocks params;
    private final ActivationFunction act;

    public DenseNetView(ParamBlocks params) {
        this.arch = params.architecture();
        this.params = params;
        this.act = arch.activation();
    }

    public DenseNetView(NetArchitecture arch, INDArray flatParams) {
        this(ParamBlocks.split(arch, flatParams));
    }

    /** The view of a DL4J classifier built by {@link MlpSpec} (softmax, mean cross-entropy). */
    public static DenseNetView classifier(MlpSpec spec, INDArray flatParams) {
        return new DenseNetView(NetArchitecture.classifier(spec), flatParams);
    }

    public NetArchitecture architecture() {
        return arch;
    }

    public ParamBlocks parameters() {
        return params;
    }

    /** The flat parameters [1, N] in DL4J's layout. */
    public INDArray flatParameters() {
        return params.flatten();
    }

    // ------------------------------------------------------------------ forward

    public ForwardPass forward(INDArray features) {
        int layers = arch.layerCount();
        List<INDArray> inputs = new ArrayList<>(layers);
        List<INDArray> pre = new ArrayList<>(layers);
        List<INDArray> slopes = new ArrayList<>(layers - 1);
        INDArray h = features.dataType() == DataType.DOUBLE ? features : features.castTo(DataType.DOUBLE);
        for (int m = 0; m < layers; m++) {
            inputs.add(h);
            INDArray z = h.mmul(params.weight(m));
            if (arch.biases()) z.addiRowVector(params.bias(m));
            pre.add(z);
            if (m < layers - 1) {
                INDArray d = act.derivative(z);
                slopes.add(d);
                // piecewise-linear: sigma(z) = z * sigma'(z), one multiply instead of a second mask
                h = act.hasCurvature() ? act.value(z) : z.mul(d);
            }
        }
        INDArray out = arch.loss().output(pre.get(layers - 1));
        return new ForwardPass(inputs, pre, slopes, out);
    }

    /** The network output (softmax probabilities for the classifier). */
    public INDArray output(INDArray features) {
        return forward(features).output();
    }

    // ------------------------------------------------------------------ public means

    /** Mean loss over the batch (DL4J's score without regularisation). */
    public double loss(Batch batch) {
        ForwardPass fp = forward(batch.features());
        return lossSum(fp, batch) / batch.size();
    }

    /** Mean gradient over the batch, flat [1, N]. */
    public INDArray gradient(Batch batch) {
        ForwardPass fp = forward(batch.features());
        return gradientBlocks(fp, backprop(fp, batch.labels()), 1.0 / batch.size()).backing();
    }

    /** H v, with H the Hessian of the mean loss over the batch; v and the result are flat [1, N]. */
    public INDArray hessianVectorProduct(Batch batch, INDArray direction) {
        ForwardPass fp = forward(batch.features());
        Backprop bp = backprop(fp, batch.labels());
        return rPass(fp, bp, batch.labels(), ParamBlocks.viewsOf(arch, direction), 1.0 / batch.size()).backing();
    }

    /**
     * Loss, gradient g and H g of the mean loss, sharing one forward and one backward pass: what the
     * gradient-norm objective F = ||g||^2 needs (grad F = 2 H g).
     */
    public GradientAndHvp gradientAndHessianGradient(Batch batch) {
        ForwardPass fp = forward(batch.features());
        Backprop bp = backprop(fp, batch.labels());
        int n = batch.size();
        ParamBlocks g = gradientBlocks(fp, bp, 1.0 / n);
        // H g = (1/n) H_sum g: the R pass along the mean gradient, scaled by 1/n
        ParamBlocks hg = rPass(fp, bp, batch.labels(), g, 1.0 / n);
        return new GradientAndHvp(lossSum(fp, batch) / n, g.backing(), hg.backing());
    }

    /**
     * The batch's sums: count, loss sum, gradient sum and, when {@code direction} is not null, the sum
     * form of H v (the Hessian of the SUMMED loss times v). What a partition contributes to a reduction.
     */
    public BatchSums sums(Batch batch, INDArray direction) {
        ForwardPass fp = forward(batch.features());
        Backprop bp = backprop(fp, batch.labels());
        INDArray grad = gradientBlocks(fp, bp, 1.0).backing();
        INDArray hv = direction == null ? null
                : rPass(fp, bp, batch.labels(), ParamBlocks.viewsOf(arch, direction), 1.0).backing();
        return new BatchSums(batch.size(), lossSum(fp, batch), grad, hv);
    }

    // ------------------------------------------------------------------ internals (all in sum form)

    private double lossSum(ForwardPass fp, Batch batch) {
        int last = arch.layerCount() - 1;
        return arch.loss().lossSum(fp.preActivations().get(last), fp.output(), batch.labels());
    }

    /**
     * Backpropagated errors delta_m = d(loss sum)/dZ_m, and (only when sigma'' matters) the errors
     * e_m = d(loss sum)/dH_m = delta_m W_m^T before the slope, which the R pass needs for the sigma'' term.
     */
    private record Backprop(INDArray[] deltas, INDArray[] upstream) {
    }

    private Backprop backprop(ForwardPass fp, INDArray labels) {
        int layers = arch.layerCount();
        INDArray[] deltas = new INDArray[layers];
        INDArray[] upstream = new INDArray[layers];
        deltas[layers - 1] = arch.loss().outputDelta(fp.output(), labels);
        for (int m = layers - 1; m >= 1; m--) {
            INDArray e = Nd4j.gemm(deltas[m], params.weight(m), false, true);
            if (act.hasCurvature()) {
                upstream[m] = e;
                deltas[m - 1] = e.mul(fp.slopes().get(m - 1));
            } else {
                deltas[m - 1] = e.muli(fp.slopes().get(m - 1));
            }
        }
        return new Backprop(deltas, upstream);
    }

    /** scale * (gradient of the summed loss), written by the gemms straight into a flat buffer's blocks. */
    private ParamBlocks gradientBlocks(ForwardPass fp, Backprop bp, double scale) {
        ParamBlocks out = ParamBlocks.allocate(arch);
        for (int m = 0; m < arch.layerCount(); m++) {
            Nd4j.gemm(fp.inputs().get(m), bp.deltas()[m], out.weight(m), true, false, scale, 0.0);   // H_m^T delta_m
            if (arch.biases()) out.bias(m).assign(bp.deltas()[m].sum(0).reshape(1, arch.width(m + 1))).muli(scale);
        }
        return out;
    }

    /**
     * Pearlmutter's R-operator R{.} = d/dr (.)(w + r v) at r = 0, forward then backward:
     * R(Z_m) = R(H_m) W_m + H_m V_m + c_m, R(H_{m+1}) = sigma'(Z_m) R(Z_m) (R(H_0) = 0);
     * R(delta_L) from the loss; R(G_m) = R(H_m)^T delta_m + H_m^T R(delta_m), R(g_m) = colsum R(delta_m);
     * R(delta_{m-1}) = [R(delta_m) W_m^T + delta_m V_m^T] sigma'(Z_{m-1}) + e_{m-1} sigma''(Z_{m-1}) R(Z_{m-1}).
     * Returns scale * H_sum v in blocks (H_sum: the Hessian of the summed loss), in a fresh flat buffer.
     */
    private ParamBlocks rPass(ForwardPass fp, Backprop bp, INDArray labels, ParamBlocks v, double scale) {
        int layers = arch.layerCount();
        INDArray[] rz = new INDArray[layers];
        INDArray[] rh = new INDArray[layers];   // rh[0] = null: the data does not move
        for (int m = 0; m < layers; m++) {
            INDArray z = fp.inputs().get(m).mmul(v.weight(m));
            if (rh[m] != null) z.addi(rh[m].mmul(params.weight(m)));
            if (arch.biases()) z.addiRowVector(v.bias(m));
            rz[m] = z;
            if (m < layers - 1) rh[m + 1] = z.mul(fp.slopes().get(m));
        }
        INDArray rDelta = arch.loss().outputDeltaDirectional(fp.output(), labels, rz[layers - 1]);
        ParamBlocks out = ParamBlocks.allocate(arch);
        for (int m = layers - 1; m >= 0; m--) {
            Nd4j.gemm(fp.inputs().get(m), rDelta, out.weight(m), true, false, scale, 0.0);           // H_m^T R(delta_m)
            if (rh[m] != null) Nd4j.gemm(rh[m], bp.deltas()[m], out.weight(m), true, false, scale, 1.0);   // + R(H_m)^T delta_m
            if (arch.biases()) out.bias(m).assign(rDelta.sum(0).reshape(1, arch.width(m + 1))).muli(scale);
            if (m > 0) {
                INDArray next = Nd4j.gemm(rDelta, params.weight(m), false, true)
                        .addi(Nd4j.gemm(bp.deltas()[m], v.weight(m), false, true))
                        .muli(fp.slopes().get(m - 1));
                if (act.hasCurvature())
                    next.addi(bp.upstream()[m].mul(act.secondDerivative(fp.preActivations().get(m - 1))).muli(rz[m - 1]));
                rDelta = next;
            }
        }
        return out;
    }
}
