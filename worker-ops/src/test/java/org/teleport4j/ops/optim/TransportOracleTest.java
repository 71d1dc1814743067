package org.teleport4j.ops.optim;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;
import org.teleport4j.ops.symmetry.PositiveScaling;
import org.teleport4j.ops.symmetry.Tangent;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.teleport4j.ops.testutil.TestData.*;

/**
 * The oracle for optimizer-state transport (ARCHITECTURE.md): with the exact scaling group, teleporting by a
 * per-weight factor c, transporting the state, and taking K DL4J optimizer steps gives, mapped back through
 * the group (divide by c), the same weights as K steps of the un-teleported optimizer with per-weight
 * learning rates lr/c^2 (SGD, momentum: exactly) or lr/c (AdaGrad, RMSProp, Adam: up to their epsilon).
 * The reference optimizers are written out here and first checked against DL4J itself at c = 1.
 */
class TransportOracleTest {
    static final MlpSpec SPEC = MlpSpec.paper(6, 5, 4, 3);
    static final NetArchitecture ARCH = NetArchitecture.classifier(SPEC);
    static final int PRETRAIN = 3, K = 5;

    /** DL4J's update rules with a per-weight learning rate; state arrays in DL4J's order (Adam: m, v). */
    static final class ReferenceOptimizer {
        final OptimizerKind kind;
        final INDArray lr;
        INDArray s1, s2;
        int iteration;

        ReferenceOptimizer(OptimizerKind kind, INDArray perWeightLr, INDArray s1, INDArray s2, int iteration) {
            this.kind = kind;
            this.lr = perWeightLr;
            this.s1 = s1;
            this.s2 = s2;
            this.iteration = iteration;
        }

        INDArray step(INDArray w, INDArray g) {
            INDArray update = switch (kind) {
                case SGD -> g.mul(lr);
                case MOMENTUM -> {
                    double mu = OptimizerKind.MOMENTUM_COEFFICIENT;
                    INDArray prev = s1.dup();
                    s1 = s1.mul(mu).subi(g.mul(lr));
                    yield prev.mul(mu).subi(s1.mul(1 + mu));
                }
                case ADAGRAD -> {
                    s1 = s1.add(g.mul(g));
                    yield g.mul(lr).divi(Transforms.sqrt(s1, true).addi(OptimizerKind.ADAGRAD_EPSILON));
                }
                case RMSPROP -> {
                    double d = OptimizerKind.RMSPROP_DECAY;
                    s1 = s1.mul(d).addi(g.mul(g).muli(1 - d));
                    yield g.mul(lr).divi(Transforms.sqrt(s1, true).addi(OptimizerKind.RMSPROP_EPSILON));
                }
                case ADAM -> {
                    double b1 = OptimizerKind.ADAM_BETA1, b2 = OptimizerKind.ADAM_BETA2;
                    s1 = s1.mul(b1).addi(g.mul(1 - b1));
                    s2 = s2.mul(b2).addi(g.mul(g).muli(1 - b2));
                    int t = iteration + 1;
                    double alpha = Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                    yield s1.mul(lr).muli(alpha).divi(Transforms.sqrt(s2, true).addi(OptimizerKind.ADAM_EPSILON));
                }
            };
            iteration++;
            return w.sub(update);
        }
    }

    static double epsilon(OptimizerKind kind) {
        return switch (kind) {
            case ADAGRAD -> OptimizerKind.ADAGRAD_EPSILON;
            case RMSPROP -> OptimizerKind.RMSPROP_EPSILON;
            case ADAM -> OptimizerKind.ADAM_EPSILON;
            default -> 0;
        };
    }

    static double learningRate(OptimizerKind kind) {
        return switch (kind) {
            case SGD, MOMENTUM -> 0.1;
            case ADAGRAD, RMSPROP -> 0.05;
            case ADAM -> 0.01;
        };
    }

    static List<DataSet> batches(Random rnd) {
        List<DataSet> out = new ArrayList<>();
        for (int i = 0; i < PRETRAIN + K; i++) {
            Batch b = batch(rnd, ARCH, 10);
            out.add(new DataSet(b.features(), b.labels()));
        }
        return out;
    }

    /** The pre-trained network: state accumulated, so that transporting it matters. */
    static MultiLayerNetwork pretrained(OptimizerKind kind, List<DataSet> data) {
        MultiLayerNetwork net = SPEC.newNetwork(kind.updater(learningRate(kind)), 21, DataType.DOUBLE);
        for (int i = 0; i < PRETRAIN; i++) net.fit(data.get(i));
        return net;
    }

    /** The state arrays (first, second moment) in original coordinates, per parameter. */
    static INDArray[] state(MultiLayerNetwork net) {
        long n = net.numParams();
        INDArray s = net.getUpdater().getStateViewArray();
        if (s == null) return new INDArray[]{Nd4j.zeros(DataType.DOUBLE, 1, n), null};
        INDArray flat = s.reshape(s.length());
        INDArray first = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)).reshape(1, n).dup();
        INDArray second = s.length() == 2 * n ? flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n, 2 * n)).reshape(1, n).dup() : null;
        return new INDArray[]{first, second};
    }

    /** DL4J's own minibatch gradient (summed by computeGradientAndScore, divided by n as its updater does). */
    static INDArray dl4jGradient(INDArray w, DataSet batch) {
        MultiLayerNetwork net = SPEC.newNetwork(OptimizerKind.SGD.updater(1), 1, DataType.DOUBLE);
        net.setParams(w);
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup().reshape(1, w.length()).divi(batch.numExamples());
    }

    static INDArray runReference(ReferenceOptimizer opt, INDArray w, List<DataSet> data) {
        for (int i = PRETRAIN; i < PRETRAIN + K; i++) w = opt.step(w, dl4jGradient(w, data.get(i)));
        return w;
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void teleportThenTransportedStepsEqualPerWeightLearningRates(OptimizerKind kind) {
        Random rnd = new Random(17);
        List<DataSet> data = batches(rnd);
        double lr = learningRate(kind);
        MultiLayerNetwork base = pretrained(kind, data);
        INDArray w = base.params().dup();
        INDArray[] st = state(base);
        long n = w.length();

        // 1. The reference optimizer is DL4J's own rule: at c = 1 it reproduces DL4J's steps.
        MultiLayerNetwork plain = base.clone();
        for (int i = PRETRAIN; i < PRETRAIN + K; i++) plain.fit(data.get(i));
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 1, n);
        INDArray ref1 = runReference(new ReferenceOptimizer(kind, ones.mul(lr), st[0].dup(), st[1] == null ? null : st[1].dup(), PRETRAIN), w.dup(), data);
        double selfCheck = ref1.sub(plain.params()).amaxNumber().doubleValue();
        assertTrue(selfCheck < 1e-13, kind + ": the reference rule differs from DL4J by " + selfCheck);

        // 2. Teleport by a random scaling element, transport the state, K DL4J steps, map back.
        PositiveScaling scaling = new PositiveScaling(ARCH);
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < ARCH.hiddenLayerCount(); m++) blocks.add(gaussian(rnd, 1, ARCH.hiddenWidth(m), 0.7));
        Tangent s = new Tangent(blocks);
        INDArray c = scaling.apply(ones, s, null);
        MultiLayerNetwork teleported = base.clone();
        teleported.setParams(scaling.apply(w, s, null));
        UpdaterStates.apply(teleported, StatePolicy.TRANSPORT, c);
        for (int i = PRETRAIN; i < PRETRAIN + K; i++) teleported.fit(data.get(i));
        INDArray mappedBack = teleported.params().div(c);

        // 3. The un-teleported optimizer with per-weight learning rates; its state in the same (original) units.
        boolean adaptive = kind == OptimizerKind.ADAGRAD || kind == OptimizerKind.RMSPROP || kind == OptimizerKind.ADAM;
        INDArray perWeightLr = adaptive ? c.rdiv(lr) : c.mul(c).rdivi(lr);
        INDArray first = adaptive ? st[0].dup() : st[0].div(c.mul(c));
        INDArray ref = runReference(new ReferenceOptimizer(kind, perWeightLr, first, st[1] == null ? null : st[1].dup(), PRETRAIN), w.dup(), data);

        double diff = mappedBack.sub(ref).amaxNumber().doubleValue();
        double moved = ref.sub(w).amaxNumber().doubleValue();
        double ignoringTransport = runReference(new ReferenceOptimizer(kind, perWeightLr, adaptive ? st[0].div(c) : st[0].dup(),
                st[1] == null ? null : st[1].div(c.mul(c)), PRETRAIN), w.dup(), data).sub(ref).amaxNumber().doubleValue();
        System.out.printf("%s: teleport+transport vs per-weight lr %s: max diff %.2e (weights moved %.2e; c in [%.2f, %.2f];"
                        + " with untransported state units the diff would be %.2e)%n", kind, adaptive ? "lr/c" : "lr/c^2", diff, moved,
                c.minNumber().doubleValue(), c.maxNumber().doubleValue(), ignoringTransport);
        assertTrue(moved > 1e-3, "the K steps move the weights");
        // Adaptive optimizers see epsilon * c where the reference sees epsilon (the denominator sqrt(h) + eps
        // scales with 1/c except for eps): an epsilon-sized discrepancy, bounded relative to the distance moved.
        double bound = adaptive ? 1e3 * epsilon(kind) * moved : 1e-12;
        assertTrue(diff < bound, kind + ": mapped-back teleported run differs from the per-weight-lr run by " + diff);
        if (kind != OptimizerKind.SGD)
            assertTrue(ignoringTransport > 1e3 * diff, kind + ": the state's units matter, or this test could not catch a wrong transport");
    }
}
