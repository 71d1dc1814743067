package org.teleport4j.ops.meta;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reverse-mode autodiff tape over 2-D DOUBLE ND4J arrays, with only the operations the meta-optimisers
 * need. Hand-written because SameDiff in M2 cannot differentiate its own gradient graph and DL4J's LSTM layers do
 * not expose gradients through an optimisee unrolled inside a window; a tape of ~15 ops is easy to check against
 * central differences (MetaGradientTest).
 *
 * <p>Every op returns a new {@link Var}; {@link #backward(Var)} seeds d(root)/d(root) = 1 and walks the tape in
 * reverse. With {@code recording = false} (evaluation) no backward closures are kept: the same forward code runs
 * without the memory of a tape.
 */
public final class Tape {
    private final List<Var> nodes = new ArrayList<>();
    private final boolean recording;

    public Tape(boolean recording) {
        this.recording = recording;
    }

    /** A value on the tape; {@code grad} is filled by {@link Tape#backward}. */
    public static final class Var {
        final INDArray value;
        INDArray grad;
        Runnable back;

        Var(INDArray value) {
            this.value = value;
        }

        public INDArray value() {
            return value;
        }

        /** d(root)/d(this) after backward; zeros if the root does not depend on it. */
        public INDArray grad() {
            return grad != null ? grad : Nd4j.zeros(DataType.DOUBLE, value.shape());
        }

        public double scalar() {
            return value.getDouble(0);
        }

        void accumulate(INDArray g) {
            if (grad == null) grad = g.dup();
            else grad.addi(g);
        }
    }

    /** A leaf (a parameter or a constant): its gradient is accumulated but nothing flows further. */
    public Var leaf(INDArray value) {
        return new Var(value);
    }

    private Var node(INDArray value, java.util.function.Consumer<Var> back) {
        Var v = new Var(value);
        if (recording) {
            v.back = () -> back.accept(v);
            nodes.add(v);
        }
        return v;
    }

    /** A 1 x 1 DOUBLE array. */
    static INDArray scalar(double v) {
        return Nd4j.create(new double[][]{{v}});
    }

    /** Back-propagates from a scalar (1 x 1) root. */
    public void backward(Var root) {
        if (!recording) throw new IllegalStateException("this tape does not record");
        root.grad = Nd4j.ones(DataType.DOUBLE, 1, 1);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Var v = nodes.get(i);
            if (v.grad != null && v.back != null) v.back.run();
        }
    }

    public Var matmul(Var a, Var b) {
        return node(a.value.mmul(b.value), (Var out) -> {
            // Accumulate with gemm into the gradient buffers (beta = 1): the LSTM's input weights are 800 x 1200, and
            // a fresh outer product per step made enough off-heap garbage to stall the JVM in JavaCPP's collections.
            gemmInto(a, out.grad, b.value, false, true);
            gemmInto(b, a.value, out.grad, true, false);
        });
    }

    /** v.grad += op(x) op(y). */
    private static void gemmInto(Var v, INDArray x, INDArray y, boolean transposeX, boolean transposeY) {
        if (v.grad == null) v.grad = Nd4j.zeros(DataType.DOUBLE, v.value.shape());
        Nd4j.gemm(x, y, v.grad, transposeX, transposeY, 1.0, 1.0);
    }

    public Var add(Var a, Var b) {
        return node(a.value.add(b.value), (Var out) -> {
            a.accumulate(out.grad);
            b.accumulate(out.grad);
        });
    }

    public Var sub(Var a, Var b) {
        return node(a.value.sub(b.value), (Var out) -> {
            a.accumulate(out.grad);
            b.accumulate(out.grad.neg());
        });
    }

    public Var mul(Var a, Var b) {
        return node(a.value.mul(b.value), (Var out) -> {
            a.accumulate(out.grad.mul(b.value));
            b.accumulate(out.grad.mul(a.value));
        });
    }

    public Var scale(Var a, double s) {
        return node(a.value.mul(s), (Var out) -> a.accumulate(out.grad.mul(s)));
    }

    /** s * a with s a 1 x 1 variable (a learned step size times a constant gradient). */
    public Var scalarTimes(Var s, Var a) {
        double sv = s.scalar();
        return node(a.value.mul(sv), (Var out) -> {
            s.accumulate(scalar(out.grad.mul(a.value).sumNumber().doubleValue()));
            a.accumulate(out.grad.mul(sv));
        });
    }

    public Var sigmoid(Var a) {
        INDArray y = Transforms.sigmoid(a.value, true);
        return node(y, (Var out) -> a.accumulate(out.grad.mul(y.mul(y.rsub(1.0)))));
    }

    public Var tanh(Var a) {
        INDArray y = Transforms.tanh(a.value, true);
        return node(y, (Var out) -> a.accumulate(out.grad.mul(y.mul(y).rsub(1.0))));
    }

    /** LeakyReLU with slope {@code slope} for negative inputs. */
    public Var leakyRelu(Var a, double slope) {
        INDArray d = slopeMask(a.value, slope);
        return node(a.value.mul(d), (Var out) -> a.accumulate(out.grad.mul(d)));
    }

    /** The inverse of LeakyReLU(slope): slope 1/slope for negative inputs (same sign pattern). */
    public Var leakyReluInverse(Var a, double slope) {
        INDArray d = slopeMask(a.value, 1.0 / slope);
        return node(a.value.mul(d), (Var out) -> a.accumulate(out.grad.mul(d)));
    }

    /** Elementwise derivative of x -> (x >= 0 ? x : slope x): 1 or slope. */
    static INDArray slopeMask(INDArray x, double slope) {
        INDArray pos = x.gte(0.0).castTo(DataType.DOUBLE);
        return pos.mul(1.0 - slope).addi(slope);
    }

    /** Columns [from, to) of a. */
    public Var sliceColumns(Var a, int from, int to) {
        INDArray y = a.value.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
        return node(y, (Var out) -> {
            INDArray g = Nd4j.zeros(DataType.DOUBLE, a.value.shape());
            g.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).assign(out.grad);
            a.accumulate(g);
        });
    }

    /** Row-major reshape (a 1 x n^2 head output to an n x n matrix, and back). */
    public Var reshape(Var a, long rows, long cols) {
        INDArray y = a.value.dup('c').reshape('c', rows, cols);
        long[] shape = a.value.shape();
        return node(y, (Var out) -> a.accumulate(out.grad.dup('c').reshape('c', shape)));
    }

    /** radius * a / ||a||_F: the paper's rescaling of T to a fixed Frobenius norm. */
    public Var normalise(Var a, double radius) {
        double norm = a.value.norm2Number().doubleValue();
        INDArray u = a.value.div(norm);
        return node(u.mul(radius), (Var out) -> {
            // d(r a/|a|) = r/|a| (g - u <u, g>)
            double ug = out.grad.mul(u).sumNumber().doubleValue();
            a.accumulate(out.grad.sub(u.mul(ug)).muli(radius / norm));
        });
    }

    /** 0.5 * sum of squares, as a 1 x 1 value. */
    public Var halfSumSquares(Var a) {
        double s = 0.5 * a.value.mul(a.value).sumNumber().doubleValue();
        return node(scalar(s), (Var out) -> a.accumulate(a.value.mul(out.grad.getDouble(0))));
    }
}
