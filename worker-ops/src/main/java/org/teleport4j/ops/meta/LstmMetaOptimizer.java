package org.teleport4j.ops.meta;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A meta-optimiser of PAPER.md item 4: two stacked LSTM cells reading the optimisee's flattened gradients
 * [dL/dW0, dL/dW1] (row-major, 2 n^2 values) and linear heads on the second cell's hidden state: T (n x n,
 * rescaled to ||T||_F = {@value #T_NORM}), a step size in [{@value #LR_MIN}, {@value #LR_MAX}] (squashed by a
 * sigmoid rather than clamped, see {@link #forward}), or an update of the flattened weights, depending on
 * {@link MetaKind}.
 *
 * <p>One optimisee step: G = grad L(w) (constant); the LSTM reads G * inputScale; if the kind teleports, w moves by
 * Form B with T; then LSTM(lr, tele) steps w -= lr * grad L(w_teleported) (that gradient is a constant too),
 * the update kinds add outputScale * update. The loss after the step enters the meta-loss.
 *
 * <p>Parameters live in named blocks (row-vector convention: gates = x Wx + h Wh + b, gates ordered i, f, g, o).
 * Instances are immutable; {@link MetaTrainer} replaces the parameter map after each Adam step.
 */
public final class LstmMetaOptimizer {
    public static final double T_NORM = 0.01;
    public static final double LR_MIN = 1e-7;
    public static final double LR_MAX = 5e-3;
    public static final double LR_START = 1e-4;

    private final MetaKind kind;
    private final int n;
    private final int hidden;
    private final double inputScale;
    private final double outputScale;
    private final Map<String, INDArray> params;

    public LstmMetaOptimizer(MetaKind kind, int n, int hidden, double inputScale, double outputScale, Map<String, INDArray> params) {
        this.kind = kind;
        this.n = n;
        this.hidden = hidden;
        this.inputScale = inputScale;
        this.outputScale = outputScale;
        Map<String, long[]> expected = shapes(kind, n, hidden);
        if (!expected.keySet().equals(params.keySet()))
            throw new IllegalArgumentException("parameter blocks " + params.keySet() + " do not match " + kind.id() + "'s " + expected.keySet());
        for (Map.Entry<String, long[]> e : expected.entrySet())
            if (!java.util.Arrays.equals(e.getValue(), params.get(e.getKey()).shape()))
                throw new IllegalArgumentException("parameter block " + e.getKey() + " has shape " + java.util.Arrays.toString(params.get(e.getKey()).shape())
                        + ", expected " + java.util.Arrays.toString(e.getValue()));
        this.params = new LinkedHashMap<>(params);
    }

    /** The parameter blocks and their shapes, in a fixed order (the file order). */
    public static Map<String, long[]> shapes(MetaKind kind, int n, int hidden) {
        Map<String, long[]> s = new LinkedHashMap<>();
        int in = 2 * n * n;
        s.put("lstm1.wx", new long[]{in, 4L * hidden});
        s.put("lstm1.wh", new long[]{hidden, 4L * hidden});
        s.put("lstm1.b", new long[]{1, 4L * hidden});
        s.put("lstm2.wx", new long[]{hidden, 4L * hidden});
        s.put("lstm2.wh", new long[]{hidden, 4L * hidden});
        s.put("lstm2.b", new long[]{1, 4L * hidden});
        if (kind.teleports()) {
            s.put("head.t.w", new long[]{hidden, (long) n * n});
            s.put("head.t.b", new long[]{1, (long) n * n});
        }
        if (kind.outputsStepSize()) {
            s.put("head.lr.w", new long[]{hidden, 1});
            s.put("head.lr.b", new long[]{1, 1});
        }
        if (kind.outputsUpdate()) {
            s.put("head.update.w", new long[]{hidden, in});
            s.put("head.update.b", new long[]{1, in});
        }
        return s;
    }

    /**
     * PyTorch's default initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = hidden, except the step-size
     * head's bias: it starts where the step size is {@value #LR_START}, below the largest stable gradient-descent step
     * of the n = 20 task (1e-3 diverges there; GD at 3e-4 converges), so that the first windows do not diverge before
     * the meta-optimiser has learnt anything.
     */
    public static LstmMetaOptimizer initial(MetaKind kind, int n, int hidden, double inputScale, double outputScale, long seed) {
        Random r = new Random(seed);
        double bound = 1 / Math.sqrt(hidden);
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes(kind, n, hidden).entrySet()) {
            long[] sh = e.getValue();
            double[][] a = new double[(int) sh[0]][(int) sh[1]];
            for (double[] row : a)
                for (int j = 0; j < row.length; j++) row[j] = (2 * r.nextDouble() - 1) * bound;
            INDArray v = Nd4j.create(a);
            if (e.getKey().equals("head.lr.b")) {
                double p0 = (LR_START - LR_MIN) / (LR_MAX - LR_MIN);
                v.assign(Math.log(p0 / (1 - p0)));
            }
            p.put(e.getKey(), v);
        }
        return new LstmMetaOptimizer(kind, n, hidden, inputScale, outputScale, p);
    }

    public MetaKind kind() {
        return kind;
    }

    public int n() {
        return n;
    }

    public int hidden() {
        return hidden;
    }

    public double inputScale() {
        return inputScale;
    }

    public double outputScale() {
        return outputScale;
    }

    /** The parameter blocks (live arrays: do not modify). */
    public Map<String, INDArray> params() {
        return params;
    }

    public LstmMetaOptimizer withParams(Map<String, INDArray> p) {
        return new LstmMetaOptimizer(kind, n, hidden, inputScale, outputScale, p);
    }

    public long parameterCount() {
        return params.values().stream().mapToLong(INDArray::length).sum();
    }

    /** The recurrent state (h1, c1, h2, c2), each 1 x hidden. */
    public record State(INDArray h1, INDArray c1, INDArray h2, INDArray c2) {
    }

    public State zeroState() {
        return new State(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, hidden), Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, hidden),
                Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, hidden), Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, hidden));
    }

    /** The LSTM's outputs for one step, on a tape. */
    public record Outputs(Tape.Var t, Tape.Var stepSize, Tape.Var update, Tape.Var[] state) {
    }

    /**
     * Runs the two cells on the gradients (w.r.t. W0 and W1, n x n each) and the heads.
     *
     * @param p     the parameters as tape leaves (by block name)
     * @param state h1, c1, h2, c2 as tape variables
     */
    public Outputs forward(Tape tape, Map<String, Tape.Var> p, Tape.Var[] state, INDArray gW0, INDArray gW1) {
        INDArray in = Nd4j.concat(1, gW0.dup('c').reshape('c', 1, (long) n * n), gW1.dup('c').reshape('c', 1, (long) n * n)).muli(inputScale);
        Tape.Var[] c1 = cell(tape, p, "lstm1", tape.leaf(in), state[0], state[1]);
        Tape.Var[] c2 = cell(tape, p, "lstm2", c1[0], state[2], state[3]);
        Tape.Var h = c2[0];
        Tape.Var t = null, lr = null, update = null;
        if (kind.teleports()) {
            Tape.Var raw = tape.add(tape.matmul(h, p.get("head.t.w")), p.get("head.t.b"));
            t = tape.normalise(tape.reshape(raw, n, n), T_NORM);
        }
        if (kind.outputsStepSize()) {
            // The paper clamps the step size to [LR_MIN, LR_MAX]. A hard clamp passes no gradient once a bound is
            // active, and Adam's first steps push the head there (measured: the head got stuck at 1e-7 within three
            // trajectories and never moved again), so the range is reached smoothly instead:
            // LR_MIN + (LR_MAX - LR_MIN) sigmoid(raw), log-linear in raw near the bottom of the range.
            Tape.Var raw = tape.add(tape.matmul(h, p.get("head.lr.w")), p.get("head.lr.b"));
            lr = tape.add(tape.scale(tape.sigmoid(raw), LR_MAX - LR_MIN), tape.leaf(Tape.scalar(LR_MIN)));
        }
        if (kind.outputsUpdate())
            update = tape.scale(tape.add(tape.matmul(h, p.get("head.update.w")), p.get("head.update.b")), outputScale);
        return new Outputs(t, lr, update, new Tape.Var[]{c1[0], c1[1], c2[0], c2[1]});
    }

    /** One LSTM cell: returns {h', c'}. */
    private Tape.Var[] cell(Tape tape, Map<String, Tape.Var> p, String name, Tape.Var x, Tape.Var h, Tape.Var c) {
        Tape.Var gates = tape.add(tape.add(tape.matmul(x, p.get(name + ".wx")), tape.matmul(h, p.get(name + ".wh"))), p.get(name + ".b"));
        Tape.Var i = tape.sigmoid(tape.sliceColumns(gates, 0, hidden));
        Tape.Var f = tape.sigmoid(tape.sliceColumns(gates, hidden, 2 * hidden));
        Tape.Var g = tape.tanh(tape.sliceColumns(gates, 2 * hidden, 3 * hidden));
        Tape.Var o = tape.sigmoid(tape.sliceColumns(gates, 3 * hidden, 4 * hidden));
        Tape.Var cNew = tape.add(tape.mul(f, c), tape.mul(i, g));
        Tape.Var hNew = tape.mul(o, tape.tanh(cNew));
        return new Tape.Var[]{hNew, cNew};
    }

    /** The result of one optimisee step on a tape. */
    public record Step(Tape.Var w0, Tape.Var w1, Tape.Var[] state, Tape.Var loss, double stepSize) {
    }

    /** One optimisee step from (w0, w1): read the gradient, teleport (if the kind does), step; the loss after it. */
    public Step step(Tape tape, Map<String, Tape.Var> p, Tape.Var[] state, RegressionTask task, Tape.Var w0, Tape.Var w1,
                     GradientSource grads) {
        INDArray[] g = grads.gradient(task, w0.value(), w1.value());
        Outputs out = forward(tape, p, state, g[0], g[1]);
        if (kind.teleports()) {
            Tape.Var[] moved = task.teleport(tape, w0, w1, out.t());
            w0 = moved[0];
            w1 = moved[1];
        }
        double stepSize = Double.NaN;
        if (kind.outputsStepSize()) {
            INDArray[] g2 = grads.gradient(task, w0.value(), w1.value());
            stepSize = out.stepSize().scalar();
            w0 = tape.sub(w0, tape.scalarTimes(out.stepSize(), tape.leaf(g2[0])));
            w1 = tape.sub(w1, tape.scalarTimes(out.stepSize(), tape.leaf(g2[1])));
        } else {
            int nn = n * n;
            w0 = tape.add(w0, tape.reshape(tape.sliceColumns(out.update(), 0, nn), n, n));
            w1 = tape.add(w1, tape.reshape(tape.sliceColumns(out.update(), nn, 2 * nn), n, n));
        }
        return new Step(w0, w1, out.state(), task.loss(tape, w0, w1), stepSize);
    }

    /**
     * Where a window ended: weights and state (plain arrays: detached), its meta-loss and per-step losses, the
     * meta-gradient (when differentiated) and whether it stopped early because the optimisee diverged.
     */
    public record Window(INDArray w0, INDArray w1, State state, double metaLoss, double[] losses, Map<String, INDArray> gradient,
                         boolean diverged) {
    }

    /** {@link #window(RegressionTask, INDArray, INDArray, State, int, GradientSource, boolean, double)} without a divergence bound. */
    public Window window(RegressionTask task, INDArray w0, INDArray w1, State state, int steps, GradientSource grads, boolean differentiate) {
        return window(task, w0, w1, state, steps, grads, differentiate, Double.POSITIVE_INFINITY);
    }

    /**
     * Runs up to {@code steps} optimisee steps from (w0, w1, state). The meta-loss is the sum of the losses after each
     * step; with {@code differentiate} its gradient w.r.t. every parameter block is returned (truncated
     * backpropagation: the window's starting weights and state are constants).
     *
     * <p>A step whose loss exceeds {@code divergedAbove} (or is not finite) ends the window: the meta-loss keeps the
     * finite losses up to it, so a meta-optimiser that makes the optimisee diverge still gets a gradient that says
     * so, instead of the NaN the full window would give.
     */
    public Window window(RegressionTask task, INDArray w0, INDArray w1, State state, int steps, GradientSource grads, boolean differentiate,
                         double divergedAbove) {
        Tape tape = new Tape(differentiate);
        Map<String, Tape.Var> p = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) p.put(e.getKey(), tape.leaf(e.getValue()));
        Tape.Var[] s = {tape.leaf(state.h1()), tape.leaf(state.c1()), tape.leaf(state.h2()), tape.leaf(state.c2())};
        Tape.Var a = tape.leaf(w0), b = tape.leaf(w1);
        Tape.Var metaLoss = null;
        double[] losses = new double[steps];
        java.util.Arrays.fill(losses, Double.NaN);
        boolean diverged = false;
        for (int k = 0; k < steps && !diverged; k++) {
            Step st = step(tape, p, s, task, a, b, grads);
            a = st.w0();
            b = st.w1();
            s = st.state();
            double loss = st.loss().scalar();
            losses[k] = loss;
            diverged = !(loss <= divergedAbove);
            if (Double.isFinite(loss)) metaLoss = metaLoss == null ? st.loss() : tape.add(metaLoss, st.loss());
        }
        Map<String, INDArray> grad = null;
        if (differentiate && metaLoss != null) {
            tape.backward(metaLoss);
            grad = new LinkedHashMap<>();
            for (Map.Entry<String, Tape.Var> e : p.entrySet()) grad.put(e.getKey(), e.getValue().grad());
        }
        return new Window(a.value(), b.value(), new State(s[0].value(), s[1].value(), s[2].value(), s[3].value()),
                metaLoss == null ? Double.NaN : metaLoss.scalar(), losses, grad, diverged);
    }
}
