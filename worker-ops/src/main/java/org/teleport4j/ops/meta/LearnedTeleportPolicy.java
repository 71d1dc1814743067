package org.teleport4j.ops.meta;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;
import org.teleport4j.ops.symmetry.Tangent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained LSTM(lr, tele) or LSTM(update, tele) used as a teleport policy for one hidden layer m of a DL4J network
 * (beyond the paper). The layer's incoming weights V = W_m and outgoing weights U = W_{m+1} play the roles of the
 * paper's W0 and W1, which needs V and U both n x n. At each teleport the policy reads the loss gradient's V and U
 * blocks (transposed to the paper's convention: W0 = V^T, W1 = U^T), advances its LSTM state by one step and
 * returns its T as a Form B group element. The paper's g = I + T acts as sigma(W0 X) -> g sigma(W0 X); in the row
 * convention the activations A = sigma(H V) become A g^T, so the row-convention element is T^T (FormB's
 * U' = g^-1 U then agrees with the paper's U(I - T) to first order). The step-size and update heads are ignored.
 */
public final class LearnedTeleportPolicy {
    private final LstmMetaOptimizer lstm;
    private final NetArchitecture arch;
    private final int hiddenLayer;
    private LstmMetaOptimizer.State state;

    public LearnedTeleportPolicy(LstmMetaOptimizer lstm, NetArchitecture arch, int hiddenLayer) {
        if (!lstm.kind().teleports())
            throw new IllegalArgumentException(lstm.kind().label() + " outputs no teleport: use lr-tele or update-tele");
        String mismatch = shapeMismatch(arch, hiddenLayer, lstm.n());
        if (mismatch != null) throw new IllegalArgumentException(mismatch);
        this.lstm = lstm;
        this.arch = arch;
        this.hiddenLayer = hiddenLayer;
        this.state = lstm.zeroState();
    }

    /**
     * Why hidden layer {@code m} of {@code arch} cannot host a policy trained for size n, or null when it can: its
     * incoming weights W_m must be [n, n] and its outgoing weights W_{m+1} [n, n].
     */
    public static String shapeMismatch(NetArchitecture arch, int m, int n) {
        if (m < 0 || m >= arch.hiddenLayerCount())
            return "hidden layer " + m + " does not exist: the network has " + arch.hiddenLayerCount() + " hidden layer(s) (0-based)";
        int in = arch.width(m), k = arch.width(m + 1), out = arch.width(m + 2);
        if (in == n && k == n && out == n) return null;
        return "hidden layer " + m + " has incoming weights [" + in + ", " + k + "] and outgoing weights [" + k + ", " + out
                + "]; the meta-optimiser was trained for [" + n + ", " + n + "] and [" + n + ", " + n + "] (widths " + arch + ")";
    }

    public int hiddenLayer() {
        return hiddenLayer;
    }

    /** The group element (row convention, one block per hidden layer, zero except at the policy's layer) for this step. */
    public Tangent next(INDArray params, INDArray gradient) {
        ParamBlocks g = ParamBlocks.split(arch, gradient.castTo(DataType.DOUBLE));
        INDArray gW0 = g.weight(hiddenLayer).transpose().dup('c'), gW1 = g.weight(hiddenLayer + 1).transpose().dup('c');
        Tape tape = new Tape(false);
        Map<String, Tape.Var> p = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : lstm.params().entrySet()) p.put(e.getKey(), tape.leaf(e.getValue()));
        Tape.Var[] s = {tape.leaf(state.h1()), tape.leaf(state.c1()), tape.leaf(state.h2()), tape.leaf(state.c2())};
        LstmMetaOptimizer.Outputs out = lstm.forward(tape, p, s, gW0, gW1);
        state = new LstmMetaOptimizer.State(out.state()[0].value(), out.state()[1].value(), out.state()[2].value(), out.state()[3].value());
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < arch.hiddenLayerCount(); m++) {
            int k = arch.hiddenWidth(m);
            blocks.add(m == hiddenLayer ? out.t().value().transpose().dup('c') : Nd4j.zeros(DataType.DOUBLE, k, k));
        }
        return new Tangent(blocks);
    }
}
