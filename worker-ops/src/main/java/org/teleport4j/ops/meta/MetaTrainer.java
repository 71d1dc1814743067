package org.teleport4j.ops.meta;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Meta-training by truncated backpropagation (PAPER.md item 4): for each training trajectory, start from the task's
 * own W0, W1 and a zero LSTM state, run windows of {@code window} steps, take one Adam step on each window's
 * meta-loss, and carry weights and state (detached) into the next window.
 *
 * <p>Divergence: a step whose loss exceeds {@value #DIVERGED_FACTOR} times the trajectory's initial loss ends
 * its window; the window's meta-gradient over the steps up to it is still applied (it is the signal that the steps
 * were too large), and the window is rolled back: the trajectory goes on from the window's starting weights and
 * state, its step budget spent as if the window had run. Without this a meta-optimiser that has learnt a step size
 * too large for the start of a trajectory (where the gradients are largest) diverges at once on every later
 * trajectory and gets one corrective step per trajectory; with it, it gets one per window. A window whose
 * meta-gradient is not finite anyway is not applied and ends the trajectory. Both are counted.
 */
public final class MetaTrainer {
    public static final double DIVERGED_FACTOR = 1e3;

    /**
     * The trained optimiser, its training curve (the mean loss over each trajectory's steps, rolled-back windows
     * included), the windows that ended in a divergence and those whose meta-gradient was not finite (not applied).
     */
    public record Result(LstmMetaOptimizer optimizer, double[] trajectoryMetaLoss, int divergedWindows, int skippedWindows, double seconds) {
    }

    public static Result train(MetaTrainingSettings s, Consumer<String> progress) {
        LstmMetaOptimizer opt = LstmMetaOptimizer.initial(s.kind(), s.n(), s.hidden(), s.inputScale(), s.outputScale(), s.initSeed());
        MetaAdam adam = new MetaAdam(s.metaLr());
        double[] curve = new double[s.trajectories()];
        int skipped = 0, diverged = 0;
        long t0 = System.nanoTime();
        GradientSource grads = GradientSource.exact();
        for (int i = 0; i < s.trajectories(); i++) {
            RegressionTask task = RegressionTask.draw(s.n(), s.trainSeed() + i);
            INDArray w0 = task.w0(), w1 = task.w1();
            LstmMetaOptimizer.State state = opt.zeroState();
            double bound = DIVERGED_FACTOR * task.loss(w0, w1), sum = 0;
            int counted = 0;
            for (int done = 0; done < s.steps(); done += s.window()) {
                int len = Math.min(s.window(), s.steps() - done);
                LstmMetaOptimizer.Window w = opt.window(task, w0, w1, state, len, grads, true, bound);
                if (w.gradient() == null || !Double.isFinite(w.metaLoss()) || !finite(w.gradient())) {
                    skipped++;
                    break;
                }
                opt = opt.withParams(adam.step(opt.params(), w.gradient()));
                for (double l : w.losses()) {
                    if (!Double.isFinite(l)) break;
                    sum += l;
                    counted++;
                }
                if (w.diverged()) {
                    diverged++;
                    continue;   // roll back: the next window starts where this one did
                }
                w0 = w.w0();
                w1 = w.w1();
                state = w.state();
            }
            curve[i] = counted > 0 ? sum / counted : Double.NaN;
            if (progress != null && (i + 1) % Math.max(1, s.trajectories() / 10) == 0)
                progress.accept(String.format(java.util.Locale.ROOT, "%s: trajectory %d/%d, mean loss %.4g, %d diverged windows so far, %.1f s",
                        s.kind().label(), i + 1, s.trajectories(), curve[i], diverged, (System.nanoTime() - t0) / 1e9));
        }
        return new Result(opt, curve, diverged, skipped, (System.nanoTime() - t0) / 1e9);
    }

    private static boolean finite(Map<String, INDArray> g) {
        for (INDArray a : g.values()) {
            double s = a.sumNumber().doubleValue();
            if (!Double.isFinite(s) || !Double.isFinite(a.norm2Number().doubleValue())) return false;
        }
        return true;
    }

    private MetaTrainer() {
    }

}
