package org.teleport4j.ops.meta;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** The optimisee of the learning-to-teleport experiment: its gradient, and Form B's loss drift. */
class RegressionTaskTest {

    @Test
    void gradientMatchesCentralDifferences() {
        RegressionTask task = RegressionTask.draw(5, 11);
        // Move off the all-positive start so that some pre-activations are negative: both LeakyReLU slopes are used.
        INDArray w0 = task.w0().sub(0.5), w1 = task.w1().sub(0.5);
        INDArray[] g = task.gradient(w0, w1);
        double h = 1e-6, worst = 0;
        INDArray[] w = {w0, w1};
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < w[b].length(); i++) {
                double v = w[b].getDouble(i);
                w[b].putScalar(i, v + h);
                double up = task.loss(w0, w1);
                w[b].putScalar(i, v - h);
                double down = task.loss(w0, w1);
                w[b].putScalar(i, v);
                double fd = (up - down) / (2 * h);
                worst = Math.max(worst, Math.abs(fd - g[b].getDouble(i)) / Math.max(1, Math.abs(fd)));
            }
        System.out.printf("regression gradient vs central differences: worst relative error %.2e%n", worst);
        assertTrue(worst < 1e-7, "worst relative error " + worst);
    }

    @Test
    void tapeLossEqualsPlainLoss() {
        RegressionTask task = RegressionTask.draw(4, 3);
        Tape tape = new Tape(false);
        double onTape = task.loss(tape, tape.leaf(task.w0()), tape.leaf(task.w1())).scalar();
        assertEquals(task.loss(task.w0(), task.w1()), onTape, 1e-9 * onTape);
    }

    /**
     * Form B with U(I - T) keeps the output W1 sigma(W0 X) up to W1 T^2 sigma(W0 X): a relative loss drift of order
     * ||T||^2. Measured on the paper's n = 20 task at ||T||_F = 0.01.
     */
    @Test
    void teleportLeavesTheLossNearlyUnchanged() {
        RegressionTask task = RegressionTask.draw(20, 5);
        double worst = 0;
        java.util.Random r = new java.util.Random(1);
        for (int trial = 0; trial < 5; trial++) {
            double[][] t = new double[20][20];
            for (double[] row : t) for (int j = 0; j < 20; j++) row[j] = r.nextGaussian();
            Tape tape = new Tape(false);
            Tape.Var tv = tape.normalise(tape.leaf(Nd4j.create(t)), LstmMetaOptimizer.T_NORM);
            Tape.Var[] moved = task.teleport(tape, tape.leaf(task.w0()), tape.leaf(task.w1()), tv);
            double before = task.loss(task.w0(), task.w1()), after = task.loss(moved[0].value(), moved[1].value());
            worst = Math.max(worst, Math.abs(after - before) / before);
            // The weights did move: the teleport is not the identity.
            assertTrue(moved[1].value().sub(task.w1()).norm2Number().doubleValue() > 1e-4);
        }
        System.out.printf("Form B U(I-T) teleport, n = 20, ||T||_F = 0.01: worst relative loss drift %.2e%n", worst);
        assertTrue(worst < 1e-3, "relative drift " + worst);
    }
}
