package org.teleport4j.ops.meta;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.PseudoInverse;

import java.util.Random;

/**
 * The optimisee of the paper's learning-to-teleport experiment (PAPER.md item 4), in the paper's convention
 * (samples are columns): X, Y, W0, W1 all n x n with U[0,1) entries drawn from one seed, loss
 * 0.5 ||Y - W1 sigma(W0 X)||_F^2, sigma = LeakyReLU(0.1) as in all of the paper's models. X^+ is computed once:
 * Form B's pseudo-inverse is a constant with respect to the meta-parameters.
 */
public record RegressionTask(INDArray x, INDArray y, INDArray xPinv, INDArray w0, INDArray w1, double slope) {
    public static final double LEAKY_SLOPE = 0.1;

    /** Draws X, Y, W0, W1 (in this order) from java.util.Random(seed). */
    public static RegressionTask draw(int n, long seed) {
        Random r = new Random(seed);
        INDArray x = uniform(n, r), y = uniform(n, r), w0 = uniform(n, r), w1 = uniform(n, r);
        return new RegressionTask(x, y, PseudoInverse.of(x).matrix().castTo(DataType.DOUBLE), w0, w1, LEAKY_SLOPE);
    }

    private static INDArray uniform(int n, Random r) {
        double[][] a = new double[n][n];
        for (double[] row : a)
            for (int j = 0; j < n; j++) row[j] = r.nextDouble();
        return Nd4j.create(a);
    }

    public int n() {
        return (int) x.rows();
    }

    /** The loss at (w0, w1). */
    public double loss(INDArray w0, INDArray w1) {
        INDArray r = w1.mmul(activate(w0.mmul(x))).subi(y);
        return 0.5 * r.mul(r).sumNumber().doubleValue();
    }

    /** {dL/dW0, dL/dW1} at (w0, w1). */
    public INDArray[] gradient(INDArray w0, INDArray w1) {
        INDArray z = w0.mmul(x);
        INDArray a = activate(z);
        INDArray r = w1.mmul(a).subi(y);
        INDArray gW1 = r.mmul(a.transpose());
        INDArray dz = w1.transpose().mmul(r).muli(Tape.slopeMask(z, slope));
        INDArray gW0 = dz.mmul(x.transpose());
        return new INDArray[]{gW0, gW1};
    }

    /** {@link #gradient} as a static reference, for {@link GradientSource#exact()}. */
    static INDArray[] gradientOf(RegressionTask task, INDArray w0, INDArray w1) {
        return task.gradient(w0, w1);
    }

    INDArray activate(INDArray z) {
        return z.mul(Tape.slopeMask(z, slope));
    }

    /** The loss on a tape, differentiable in w0 and w1. */
    public Tape.Var loss(Tape tape, Tape.Var w0, Tape.Var w1) {
        Tape.Var a = tape.leakyRelu(tape.matmul(w0, tape.leaf(x)), slope);
        return tape.halfSumSquares(tape.sub(tape.matmul(w1, a), tape.leaf(y)));
    }

    /**
     * Form B with g = I + T acting on the hidden layer, U(I - T) on the outgoing side (PAPER.md item 4):
     * W1' = W1 (I - T), W0' = sigma^-1((I + T) sigma(W0 X)) X^+. Since (I - T)(I + T) = I - T^2 and X X^+ = I for
     * an invertible X, the output moves by O(||T||^2): first-order loss-preserving.
     *
     * @return {W0', W1'}
     */
    public Tape.Var[] teleport(Tape tape, Tape.Var w0, Tape.Var w1, Tape.Var t) {
        Tape.Var w1New = tape.sub(w1, tape.matmul(w1, t));
        Tape.Var a = tape.leakyRelu(tape.matmul(w0, tape.leaf(x)), slope);
        Tape.Var moved = tape.add(a, tape.matmul(t, a));
        Tape.Var w0New = tape.matmul(tape.leakyReluInverse(moved, slope), tape.leaf(xPinv));
        return new Tape.Var[]{w0New, w1New};
    }
}
