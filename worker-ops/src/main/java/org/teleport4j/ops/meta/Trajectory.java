package org.teleport4j.ops.meta;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One evaluation run of an optimiser on a task: the loss before any step and after each of {@code steps} steps,
 * and the wall-clock seconds elapsed at each of those points (0 at the start; each step's time includes the
 * optimiser's own work, e.g. the LSTM's forward pass, and the teleport).
 */
public record Trajectory(double[] loss, double[] seconds) {

    /** Plain gradient descent with a fixed learning rate. */
    public static Trajectory gradientDescent(RegressionTask task, double lr, int steps) {
        INDArray w0 = task.w0().dup(), w1 = task.w1().dup();
        double[] loss = new double[steps + 1], sec = new double[steps + 1];
        loss[0] = task.loss(w0, w1);
        long t0 = System.nanoTime();
        for (int k = 1; k <= steps; k++) {
            INDArray[] g = task.gradient(w0, w1);
            w0.subi(g[0].muli(lr));
            w1.subi(g[1].muli(lr));
            // The learned optimisers compute the loss after their step as part of it: so does GD, for equal clocks.
            loss[k] = task.loss(w0, w1);
            sec[k] = (System.nanoTime() - t0) / 1e9;
        }
        return new Trajectory(loss, sec);
    }

    /** A learned optimiser, one step at a time without a tape (no gradients are kept). */
    public static Trajectory learned(LstmMetaOptimizer opt, RegressionTask task, int steps) {
        INDArray w0 = task.w0(), w1 = task.w1();
        LstmMetaOptimizer.State state = opt.zeroState();
        double[] loss = new double[steps + 1], sec = new double[steps + 1];
        loss[0] = task.loss(w0, w1);
        long t0 = System.nanoTime();
        for (int k = 1; k <= steps; k++) {
            LstmMetaOptimizer.Window w = opt.window(task, w0, w1, state, 1, GradientSource.exact(), false);
            w0 = w.w0();
            w1 = w.w1();
            state = w.state();
            sec[k] = (System.nanoTime() - t0) / 1e9;
            loss[k] = w.losses()[0];
        }
        return new Trajectory(loss, sec);
    }
}
