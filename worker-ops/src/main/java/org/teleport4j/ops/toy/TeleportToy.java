package org.teleport4j.ops.toy;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.symmetry.FormB;
import org.teleport4j.ops.teleport.GradientNormSquared;
import org.teleport4j.ops.teleport.TeleportResult;
import org.teleport4j.ops.teleport.TeleportSettings;
import org.teleport4j.ops.teleport.Teleporter;

import java.util.Random;

/**
 * The predecessor paper's toy (Zhao et al., NeurIPS 2022, multi_layer_regression.py): a 3-layer
 * LeakyReLU(0.1) regression with dims 5-6-7-8, one batch of 4 samples, X, Y and all weights drawn from
 * U[0, 1), loss 0.5 ||Y - f(X)||_F^2 (summed over the batch), trained by full-batch GD or AdaGrad, with
 * and without one teleport (Form B, ascent of ||grad L||^2) before step 5. Settings are the predecessor's:
 * GD lr 1e-4 with 8 teleport steps at lr 1e-7; AdaGrad lr 1e-1 (eps 1e-10) with 2 teleport steps at 1e-5.
 *
 * <p>Differences, on purpose: draws come from java.util.Random (not torch's generator), double precision;
 * Form B uses the exact g^-1 (the predecessor's U (I - T) is first order) in its minimal-change form
 * (see {@link FormB}); AdaGrad keeps its accumulator across the teleport, as the predecessor does here.
 * The view's loss is the per-sample MEAN, so the sum loss is n times it, its gradient n times the mean
 * gradient, and the objective ||grad L_sum||^2 = n^2 ||grad L_mean||^2: the teleport step size is the
 * predecessor's times n^2.
 */
public final class TeleportToy {
    public static final int[] DIMS = {5, 6, 7, 8};
    public static final int BATCH = 4;
    public static final NetArchitecture ARCH = NetArchitecture.regression(new MlpSpec(DIMS, HiddenActivation.LEAKY_RELU, 0.1, false));

    public enum Optimizer { GD, ADAGRAD }

    /**
     * @param steps         optimiser steps
     * @param lr            optimiser learning rate (on the summed loss)
     * @param teleportAt    the step before which the teleport happens
     * @param teleportSteps ascent steps of the teleport
     * @param teleportLr    teleport step size on the summed-loss objective (the predecessor's lr_teleport)
     */
    public record Config(int steps, double lr, int teleportAt, int teleportSteps, double teleportLr, double trustRadius) {
        public static Config predecessor(Optimizer o) {
            return o == Optimizer.GD ? new Config(300, 1e-4, 5, 8, 1e-7, Double.POSITIVE_INFINITY)
                    : new Config(300, 1e-1, 5, 2, 1e-5, Double.POSITIVE_INFINITY);
        }

        public Config withTrustRadius(double r) {
            return new Config(steps, lr, teleportAt, teleportSteps, teleportLr, r);
        }
    }

    /**
     * @param losses   summed loss before each optimiser step (losses[i] at the weights step i starts from)
     * @param teleport the teleport's record, or null for a run without one
     */
    public record Run(double[] losses, TeleportResult teleport) {
        public double lossAt(int step) {
            return losses[step];
        }
    }

    private TeleportToy() {
    }

    /** The problem of one seed: the batch and the initial flat weights, all U[0, 1). */
    public static Batch data(long seed) {
        Random rnd = new Random(seed);
        INDArray x = uniform(rnd, BATCH, DIMS[0]);
        INDArray y = uniform(rnd, BATCH, DIMS[DIMS.length - 1]);
        return new Batch(x, y);
    }

    public static INDArray initialWeights(long seed) {
        Random rnd = new Random(seed * 31 + 7);
        return uniform(rnd, 1, ARCH.parameterCount());
    }

    private static INDArray uniform(Random rnd, long rows, long cols) {
        double[] v = new double[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextDouble();
        return Nd4j.create(v, new long[]{rows, cols}, DataType.DOUBLE);
    }

    /** One training run; pure: the same arguments give the same losses. */
    public static Run run(long seed, Optimizer optimizer, Config cfg, boolean teleport) {
        Batch batch = data(seed);
        int n = batch.size();
        INDArray w = initialWeights(seed);
        INDArray accumulator = Nd4j.zeros(DataType.DOUBLE, 1, ARCH.parameterCount());
        double[] losses = new double[cfg.steps()];
        TeleportResult tele = null;
        for (int step = 0; step < cfg.steps(); step++) {
            if (teleport && step == cfg.teleportAt()) {
                TeleportSettings s = TeleportSettings.forDataDependentGroup(cfg.teleportSteps(), cfg.teleportLr() * n * n)
                        .withLossTolerance(1e-8)
                        .withTrustRadius(cfg.trustRadius());   // Form B is exact here (n = 4 <= input widths 5, 6): allow round-off only
                tele = new Teleporter(new FormB(ARCH), new GradientNormSquared(), s).teleport(w, batch);
                w = tele.params();
            }
            DenseNetView view = new DenseNetView(ARCH, w);
            var sums = view.sums(batch, null);          // sum form: exactly the predecessor's summed loss
            losses[step] = sums.lossSum();
            INDArray g = sums.gradientSum();
            if (optimizer == Optimizer.GD) {
                w = w.sub(g.mul(cfg.lr()));
            } else {
                accumulator = accumulator.add(g.mul(g));
                w = w.sub(g.mul(cfg.lr()).divi(Transforms.sqrt(accumulator, true).addi(1e-10)));
            }
        }
        return new Run(losses, tele);
    }
}
