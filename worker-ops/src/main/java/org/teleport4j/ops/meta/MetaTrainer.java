package org.teleport4j.ops.meta;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Meta-training by truncated backpropagation (PAPER.md item 4): for each training trajectory, start from the task's
 * own W0, W1 and a zero LSTM state, run windows of {@code window} steps, take one Adam step on each window's
 * meta-loss, and carry weights and state (detached) into the next window.
 *
 * <p>A window whose meta-loss or meta-gradient is not finite (the optimisee diverged) is not applied and ends
 * its trajectory: one bad trajectory must not poison the parameters. Such windows are counted.
 */
public final class MetaTrainer {
    /** The trained optimiser and its training curve (the mean meta-loss of each trajectory). */
    public record Result(LstmMetaOptimizer optimizer, double[] trajectoryMetaLoss, int skippedWindows, double seconds) {
    }

    public static Result train(MetaTrainingSettings s, Consumer<String> progress) {
        LstmMetaOptimizer opt = LstmMetaOptimizer.initial(s.kind(), s.n(), s.hidden(), s.inputScale(), s.outputScale(), s.initSeed());
        MetaAdam adam = new MetaAdam(s.metaLr());
        double[] curve = new double[s.trajectories()];
        int skipped = 0;
        long t0 = System.nanoTime();
        GradientSource grads = GradientSource.exact();
        for (int i = 0; i < s.trajectories(); i++) {
            RegressionTask task = RegressionTask.draw(s.n(), s.trainSeed() + i);
            INDArray w0 = task.w0(), w1 = task.w1();
            LstmMetaOptimizer.State state = opt.zeroState();
            double sum = 0;
            int windows = 0;
            for (int done = 0; done < s.steps(); done += s.window()) {
                int len = Math.min(s.window(), s.steps() - done);
                LstmMetaOptimizer.Window w = opt.window(task, w0, w1, state, len, grads, true);
                if (!Double.isFinite(w.metaLoss()) || !finite(w.gradient())) {
                    skipped++;
                    break;
                }
                opt = opt.withParams(adam.step(opt.params(), w.gradient()));
                w0 = w.w0();
                w1 = w.w1();
                state = w.state();
                sum += w.metaLoss() / len;
                windows++;
            }
            curve[i] = windows > 0 ? sum / windows : Double.NaN;
            if (progress != null && (i + 1) % Math.max(1, s.trajectories() / 10) == 0)
                progress.accept(String.format(java.util.Locale.ROOT, "%s: trajectory %d/%d, mean loss %.4g, %.1f s",
                        s.kind().label(), i + 1, s.trajectories(), curve[i], (System.nanoTime() - t0) / 1e9));
        }
        return new Result(opt, curve, skipped, (System.nanoTime() - t0) / 1e9);
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
