package org.teleport4j.ops.symmetry;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.ActivationFunction;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.ForwardPass;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sequential part every action shares: apply layer 0's element, recompute the next layer's input
 * on the batch from the moved parameters (data-dependent actions only), apply layer 1's, and so on.
 * The pull-back at the identity is layer-by-layer: with every other element at the identity, the
 * derivative for layer m sees only layer m's action.
 */
abstract class LayerwiseAction implements GroupAction {
    protected final NetArchitecture arch;
    protected final ActivationFunction act;

    LayerwiseAction(NetArchitecture arch) {
        if (arch.hiddenLayerCount() < 1) throw new IllegalArgumentException(name() + " needs at least one hidden layer: " + arch);
        this.arch = arch;
        this.act = arch.activation();
    }

    @Override
    public NetArchitecture architecture() {
        return arch;
    }

    /** Whether the layer action needs the layer's input on the teleport batch. */
    protected boolean needsData() {
        return !isExact();
    }

    @Override
    public final INDArray apply(INDArray params, Tangent element, INDArray features) {
        checkElement(element);
        ParamBlocks p = ParamBlocks.split(arch, params);
        INDArray h = needsData() ? requireFeatures(features) : null;
        for (int m = 0; m < arch.hiddenLayerCount(); m++) {
            // Every action is the identity at the zero element: skip the layer (for the data-dependent actions this
            // saves a pseudo-inverse of the layer's input, e.g. of the 784-wide images when only layer 1 moves).
            if (element.block(m).amaxNumber().doubleValue() != 0) p = applyLayer(p, m, element.block(m), h);
            if (h != null && m + 1 < arch.hiddenLayerCount()) {
                // the next layer acts on activations produced by the already-moved parameters
                INDArray z = h.mmul(p.weight(m));
                if (arch.biases()) z.addiRowVector(p.bias(m));
                h = act.value(z);
            }
        }
        return p.flatten();
    }

    @Override
    public final Tangent pullBack(INDArray params, INDArray objectiveGradient, INDArray features) {
        ParamBlocks p = ParamBlocks.split(arch, params);
        ParamBlocks c = ParamBlocks.split(arch, objectiveGradient);
        ForwardPass fp = needsData() ? new DenseNetView(p).forward(requireFeatures(features)) : null;
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < arch.hiddenLayerCount(); m++) blocks.add(pullBackLayer(p, c, m, fp));
        return new Tangent(blocks);
    }

    /** Layer m's action: moves W_m, b_m (incoming) and W_{m+1} (outgoing). {@code input} = H_m on the batch, or null. */
    protected abstract ParamBlocks applyLayer(ParamBlocks p, int m, INDArray block, INDArray input);

    /** d F / d(block m) at the identity, given C = grad_w F in blocks; {@code fp} = forward pass on the batch, or null. */
    protected abstract INDArray pullBackLayer(ParamBlocks p, ParamBlocks c, int m, ForwardPass fp);

    private void checkElement(Tangent element) {
        if (element.size() != arch.hiddenLayerCount())
            throw new IllegalArgumentException(name() + ": need " + arch.hiddenLayerCount() + " blocks, got " + element.size());
        for (int m = 0; m < element.size(); m++)
            if (!Arrays.equals(element.block(m).shape(), blockShape(m)))
                throw new IllegalArgumentException(name() + ": block " + m + " has shape " + Arrays.toString(element.block(m).shape())
                        + ", expected " + Arrays.toString(blockShape(m)));
    }

    private INDArray requireFeatures(INDArray features) {
        if (features == null) throw new IllegalArgumentException(name() + " is data-dependent: it needs the teleport batch's features");
        return features.dataType() == DataType.DOUBLE ? features : features.castTo(DataType.DOUBLE);
    }

    @Override
    public String toString() {
        return name() + " on " + arch;
    }
}
