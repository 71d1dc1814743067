package org.teleport4j.ops.symmetry;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.teleport4j.ops.testutil.TestData.*;

/** Invariance of the actions and their pull-backs against central differences. */
class GroupActionTest {

    private static NetArchitecture net(HiddenActivation a, boolean biases, int... widths) {
        return NetArchitecture.classifier(new MlpSpec(widths, a, 0.1, biases));
    }

    /** A random element: scaling blocks N(0, 0.5^2); GL blocks scaled so that g = I + T stays well conditioned. */
    private static Tangent randomElement(Random rnd, GroupAction g, double scale) {
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < g.architecture().hiddenLayerCount(); m++) {
            long[] s = g.blockShape(m);
            blocks.add(gaussian(rnd, s[0], s[1], scale / Math.sqrt(s[1])));
        }
        return new Tangent(blocks);
    }

    /** max |a - b| / max |b|: the relative error of a whole output matrix. */
    private static double maxRel(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / b.amaxNumber().doubleValue();
    }

    // ------------------------------------------------------------------ exact groups: loss and output everywhere

    @Test
    void exactActionsKeepLossAndOutputOnAllInputs() {
        List<NetArchitecture> scalingNets = List.of(
                net(HiddenActivation.LEAKY_RELU, false, 6, 9, 7, 4),
                net(HiddenActivation.LEAKY_RELU, true, 6, 9, 7, 4),
                net(HiddenActivation.RELU, true, 6, 9, 7, 4),
                net(HiddenActivation.IDENTITY, true, 6, 9, 7, 4));
        double worstScaling = 0;
        for (NetArchitecture arch : scalingNets) worstScaling = Math.max(worstScaling, invariance(new PositiveScaling(arch), 2.0));
        double worstLinear = 0;
        for (boolean biases : new boolean[]{false, true})
            worstLinear = Math.max(worstLinear, invariance(new LinearGroup(net(HiddenActivation.IDENTITY, biases, 6, 9, 7, 4)), 1.0));
        System.out.printf("INVARIANCE positive-scaling: worst relative error %.2e (loss and output, 5 elements x 4 nets, fresh inputs)%n", worstScaling);
        System.out.printf("INVARIANCE linear-GL(k): worst relative error %.2e (loss and output, 5 elements x 2 nets, fresh inputs)%n", worstLinear);
        assertTrue(worstScaling < 1e-10 && worstLinear < 1e-10);
    }

    /** Worst relative change of loss and output over random elements, measured on inputs the action never saw. */
    private static double invariance(GroupAction group, double scale) {
        NetArchitecture arch = group.architecture();
        Random rnd = new Random(21);
        INDArray w = params(rnd, arch, 0.5);
        double worst = 0;
        for (int trial = 0; trial < 5; trial++) {
            INDArray moved = group.apply(w, randomElement(rnd, group, scale), null);
            assertTrue(relErr(moved, w) > 0.05, "the element must actually move the weights");
            Batch fresh = batch(rnd, arch, 50);
            DenseNetView before = new DenseNetView(arch, w), after = new DenseNetView(arch, moved);
            double lossErr = relErr(after.loss(fresh), before.loss(fresh));
            double outErr = maxRel(after.output(fresh.features()), before.output(fresh.features()));
            // the classifier's softmax can hide logit errors; compare the regression (identity-output) view too
            NetArchitecture reg = NetArchitecture.regression(arch.layers());
            double logitErr = maxRel(new DenseNetView(reg, moved).output(fresh.features()), new DenseNetView(reg, w).output(fresh.features()));
            worst = Math.max(worst, Math.max(lossErr, Math.max(outErr, logitErr)));
        }
        return worst;
    }

    @Test
    void exactGroupsRefuseActivationsTheyDoNotPreserve() {
        assertThrows(IllegalArgumentException.class, () -> new PositiveScaling(net(HiddenActivation.TANH, false, 3, 4, 2)));
        assertThrows(IllegalArgumentException.class, () -> new LinearGroup(net(HiddenActivation.LEAKY_RELU, false, 3, 4, 2)));
        assertThrows(IllegalArgumentException.class, () -> new FormB(net(HiddenActivation.RELU, false, 3, 4, 2)));
    }

    // ------------------------------------------------------------------ data-dependent: the teleport batch

    @Test
    void formAKeepsBatchLossWhenBatchFitsWidthAndReportsDriftOtherwise() {
        NetArchitecture arch = net(HiddenActivation.LEAKY_RELU, false, 5, 9, 8, 3);   // hidden widths 9, 8
        double exact = batchDrift(new FormA(arch), arch, 6, 0.3);        // n = 6 <= k
        double drift = batchDrift(new FormA(arch), arch, 40, 0.3);       // n = 40 > k
        double driftSmall = batchDrift(new FormA(arch), arch, 40, 0.03);
        NetArchitecture biased = net(HiddenActivation.LEAKY_RELU, true, 5, 9, 8, 3);
        double exactBiased = batchDrift(new FormA(biased), biased, 8, 0.3);
        System.out.printf("INVARIANCE form-A n<=k: batch loss rel error %.2e (bias-free), %.2e (biases)%n", exact, exactBiased);
        System.out.printf("DRIFT form-A n=40>k: batch loss rel drift %.2e at ||T_m||~0.3, %.2e at ~0.03%n", drift, driftSmall);
        assertTrue(exact < 1e-10 && exactBiased < 1e-10);
        assertTrue(drift > 1e-6, "n > k cannot be exact in general");
    }

    @Test
    void formBKeepsBatchLossWhenBatchFitsInputWidthAndReportsDriftOtherwise() {
        NetArchitecture arch = net(HiddenActivation.LEAKY_RELU, false, 10, 8, 9, 3);  // input widths of V: 10, 8
        double exact = batchDrift(new FormB(arch), arch, 6, 0.3);        // n = 6 <= d_m
        double drift = batchDrift(new FormB(arch), arch, 40, 0.3);
        double driftSmall = batchDrift(new FormB(arch), arch, 40, 0.03);
        NetArchitecture biased = net(HiddenActivation.LEAKY_RELU, true, 10, 8, 9, 3);
        double exactBiased = batchDrift(new FormB(biased), biased, 9, 0.3);   // n <= d_m + 1
        NetArchitecture tanh = net(HiddenActivation.TANH, true, 10, 8, 9, 3);
        double exactTanh = batchDrift(new FormB(tanh), tanh, 6, 0.05, 0.2);   // small weights: A g stays inside (-1, 1)
        System.out.printf("INVARIANCE form-B n<=d: batch loss rel error %.2e (bias-free), %.2e (biases), %.2e (tanh)%n", exact, exactBiased, exactTanh);
        System.out.printf("DRIFT form-B n=40>d: batch loss rel drift %.2e at ||T_m||~0.3, %.2e at ~0.03%n", drift, driftSmall);
        assertTrue(exact < 1e-10 && exactBiased < 1e-10 && exactTanh < 1e-10);
        assertTrue(drift > 1e-6, "n > d cannot be exact in general");
    }

    private static double batchDrift(GroupAction group, NetArchitecture arch, int n, double scale) {
        return batchDrift(group, arch, n, scale, 0.5);
    }

    private static double batchDrift(GroupAction group, NetArchitecture arch, int n, double scale, double paramScale) {
        Random rnd = new Random(31);
        INDArray w = params(rnd, arch, paramScale);
        Batch b = batch(rnd, arch, n);
        double worst = 0;
        for (int trial = 0; trial < 3; trial++) {
            INDArray moved = group.apply(w, randomElement(rnd, group, scale), b.features());
            worst = Math.max(worst, relErr(new DenseNetView(arch, moved).loss(b), new DenseNetView(arch, w).loss(b)));
        }
        return worst;
    }

    // ------------------------------------------------------------------ pull-backs against central differences

    /** F(w) = ||grad L(w)||^2 on the batch, and its gradient C = 2 H grad L. */
    private static double objective(NetArchitecture arch, INDArray w, Batch b) {
        INDArray g = new DenseNetView(arch, w).gradient(b);
        return g.mul(g).sumNumber().doubleValue();
    }

    private static INDArray objectiveGradient(NetArchitecture arch, INDArray w, Batch b) {
        return new DenseNetView(arch, w).gradientAndHessianGradient(b).hessianGradient().mul(2.0);
    }

    @Test
    void pullBacksMatchCentralDifferences() {
        List<String> lines = new ArrayList<>();
        double worst = 0;
        worst = Math.max(worst, pullBackError(new PositiveScaling(net(HiddenActivation.LEAKY_RELU, true, 5, 6, 4, 3)), 8, lines));
        worst = Math.max(worst, pullBackError(new PositiveScaling(net(HiddenActivation.LEAKY_RELU, false, 5, 6, 4, 3)), 8, lines));
        worst = Math.max(worst, pullBackError(new LinearGroup(net(HiddenActivation.IDENTITY, true, 5, 6, 4, 3)), 8, lines));
        worst = Math.max(worst, pullBackError(new FormA(net(HiddenActivation.LEAKY_RELU, false, 5, 4, 3, 3)), 10, lines));   // n >= k
        worst = Math.max(worst, pullBackError(new FormA(net(HiddenActivation.LEAKY_RELU, true, 5, 4, 3, 3)), 10, lines));
        worst = Math.max(worst, pullBackError(new FormA(net(HiddenActivation.TANH, true, 5, 4, 3, 3)), 10, lines));
        worst = Math.max(worst, pullBackError(new FormA(net(HiddenActivation.LEAKY_RELU, false, 5, 9, 8, 3)), 6, lines));   // n < k
        worst = Math.max(worst, pullBackError(new FormB(net(HiddenActivation.LEAKY_RELU, false, 3, 4, 5, 3)), 10, lines));  // n >= d
        worst = Math.max(worst, pullBackError(new FormB(net(HiddenActivation.LEAKY_RELU, true, 3, 4, 5, 3)), 10, lines));
        worst = Math.max(worst, pullBackError(new FormB(net(HiddenActivation.TANH, true, 3, 4, 5, 3)), 10, lines));
        worst = Math.max(worst, pullBackError(new FormB(net(HiddenActivation.LEAKY_RELU, false, 8, 6, 7, 3)), 5, lines));   // n < d
        lines.forEach(System.out::println);
        assertTrue(worst < 1e-6, "worst pull-back error " + worst);
    }

    /**
     * Relative error of the pull-back at w against central differences of T -> F(apply(w, T)),
     * entry by entry of every block.
     */
    private static double pullBackError(GroupAction group, int n, List<String> lines) {
        NetArchitecture arch = group.architecture();
        Random rnd = new Random(41);
        INDArray w = params(rnd, arch, 0.7);
        Batch b = batch(rnd, arch, n);
        Tangent analytic = group.pullBack(w, objectiveGradient(arch, w, b), b.features());
        Function<Tangent, Double> f = t -> objective(arch, group.apply(w, t, b.features()), b);
        double h = 1e-6;
        List<INDArray> fdBlocks = new ArrayList<>();
        Tangent zero = group.identity();
        for (int m = 0; m < zero.size(); m++) {
            INDArray fd = zero.block(m).ulike();
            for (long i = 0; i < fd.length(); i++) {
                fd.putScalar(i, (f.apply(bump(zero, m, i, h)) - f.apply(bump(zero, m, i, -h))) / (2 * h));
            }
            fdBlocks.add(fd);
        }
        Tangent numeric = new Tangent(fdBlocks);
        double err = analytic.plus(numeric.times(-1)).norm() / numeric.norm();
        lines.add(String.format("PULLBACK %s, n=%d: rel error %.2e (|grad| %.3e)", group, n, err, numeric.norm()));
        return err;
    }

    private static Tangent bump(Tangent zero, int m, long i, double h) {
        List<INDArray> blocks = new ArrayList<>(zero.blocks());
        INDArray blk = blocks.get(m).dup();
        blk.putScalar(i, h);
        blocks.set(m, blk);
        return new Tangent(blocks);
    }

    // ------------------------------------------------------------------ identity and the paper's literal forms

    @Test
    void everyActionIsTheIdentityAtTheZeroElement() {
        NetArchitecture leaky = net(HiddenActivation.LEAKY_RELU, true, 6, 9, 7, 4);
        NetArchitecture linear = net(HiddenActivation.IDENTITY, true, 6, 9, 7, 4);
        Random rnd = new Random(51);
        for (GroupAction g : List.of(new PositiveScaling(leaky), new LinearGroup(linear), new FormA(leaky), new FormB(leaky))) {
            INDArray w = params(rnd, g.architecture(), 0.5);
            for (int n : new int[]{3, 8, 40}) {   // below, between and above the layer widths
                INDArray x = batch(rnd, g.architecture(), n).features();
                double err = relErr(g.apply(w, g.identity(), x), w);
                assertTrue(err < 1e-12, g + " at n=" + n + ": " + err);
            }
        }
    }

    /**
     * Against the paper's formulas written out literally (paper: U' = pinv(A') A U; V' = sigma^-1(A g) h^+):
     * the same parameters when the batch has full column rank (n >= k, n >= d), and the same next-layer
     * pre-activations on the batch in every regime. One hidden layer, so one element.
     */
    @Test
    void formsAgreeWithThePapersLiteralFormulas() {
        NetArchitecture arch = net(HiddenActivation.LEAKY_RELU, false, 6, 5, 3);
        FormA formA = new FormA(arch);
        FormB formB = new FormB(arch);
        Random rnd = new Random(61);
        INDArray w = params(rnd, arch, 0.5);
        var act = arch.activation();
        for (int n : new int[]{4, 5, 6, 20}) {
            INDArray x = batch(rnd, arch, n).features();
            Tangent t = randomElement(rnd, formA, 0.3);
            INDArray g = org.teleport4j.ops.math.Matrices.identityPlus(t.block(0));
            var p = org.teleport4j.ops.math.ParamBlocks.split(arch, w);
            INDArray v = p.weight(0), u = p.weight(1);
            INDArray a = act.value(x.mmul(v));

            INDArray aMoved = act.value(x.mmul(v).mmul(g));
            INDArray uPaper = org.teleport4j.ops.math.PseudoInverse.of(aMoved).matrix().mmul(a.mmul(u));
            var oursA = org.teleport4j.ops.math.ParamBlocks.split(arch, formA.apply(w, t, x));
            double preA = relErr(act.value(x.mmul(oursA.weight(0))).mmul(oursA.weight(1)), aMoved.mmul(uPaper));
            assertTrue(preA < 1e-10, "form A batch pre-activations, n=" + n + ": " + preA);
            if (n >= 5) assertTrue(relErr(oursA.weight(1), uPaper) < 1e-10, "form A U' equals the paper's for n >= k");

            INDArray vPaper = org.teleport4j.ops.math.PseudoInverse.of(x).matrix().mmul(act.inverse(a.mmul(g)));
            var oursB = org.teleport4j.ops.math.ParamBlocks.split(arch, formB.apply(w, t, x));
            double preB = relErr(x.mmul(oursB.weight(0)), x.mmul(vPaper));
            assertTrue(preB < 1e-10, "form B batch pre-activations, n=" + n + ": " + preB);
            if (n >= 6) assertTrue(relErr(oursB.weight(0), vPaper) < 1e-10, "form B V' equals the paper's for n >= d");
        }
    }
}
