package org.teleport4j.ops.math;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.teleport4j.ops.testutil.TestData.*;

class DenseNetViewTest {

    private static final MlpSpec TANH_BIASED = new MlpSpec(new int[]{5, 7, 6, 4}, HiddenActivation.TANH, 0, true);
    private static final MlpSpec LEAKY_FREE = new MlpSpec(new int[]{6, 8, 5, 3}, HiddenActivation.LEAKY_RELU, 0.1, false);
    private static final MlpSpec LEAKY_BIASED = new MlpSpec(new int[]{6, 8, 5, 3}, HiddenActivation.LEAKY_RELU, 0.1, true);

    /**
     * The layout, loss, output and gradient agree with a real DL4J network holding the same flat parameters.
     * Slope 0.25 is exact in float: DL4J 1.0.0-M2's LeakyReLU backprop rounds its slope to float (its
     * gradient for slope 0.1 differs from the exact one by about 1e-9 relative, see the second case).
     */
    @Test
    void agreesWithDl4jNetwork() {
        MlpSpec leakyExact = new MlpSpec(new int[]{6, 8, 5, 3}, HiddenActivation.LEAKY_RELU, 0.25, false);
        MlpSpec leakyExactBiased = new MlpSpec(new int[]{6, 8, 5, 3}, HiddenActivation.LEAKY_RELU, 0.25, true);
        MlpSpec identity = new MlpSpec(new int[]{4, 5, 3}, HiddenActivation.IDENTITY, 0, true);
        for (MlpSpec spec : new MlpSpec[]{TANH_BIASED, leakyExact, leakyExactBiased, identity}) compareWithDl4j(spec, 1e-13);
        compareWithDl4j(LEAKY_FREE, 1e-8);
    }

    private static void compareWithDl4j(MlpSpec spec, double gradientTol) {
        Random rnd = new Random(11);
        NetArchitecture arch = NetArchitecture.classifier(spec);
        MultiLayerNetwork net = spec.newNetwork(new Sgd(0.1), 42, DataType.DOUBLE);
        net.setParams(params(rnd, arch, 0.5));     // random biases too (DL4J starts them at 0)
        Batch b = batch(rnd, arch, 9);
        DenseNetView view = DenseNetView.classifier(spec, net.params());

        for (int m = 0; m < arch.layerCount(); m++) {
            assertEquals(net.getLayer(m).getParam("W"), view.parameters().weight(m), "W_" + m + " layout " + spec);
            if (spec.biases()) assertEquals(net.getLayer(m).getParam("b"), view.parameters().bias(m), "b_" + m + " layout " + spec);
        }
        assertEquals(0.0, relErr(view.flatParameters(), net.params()), "flatten inverts split");
        ParamBlocks p = view.parameters();
        java.util.List<INDArray> ws = new java.util.ArrayList<>(), bs = new java.util.ArrayList<>();
        for (int m = 0; m < arch.layerCount(); m++) {
            ws.add(p.weight(m));
            bs.add(p.bias(m));
        }
        assertEquals(0.0, relErr(ParamBlocks.of(arch, ws, spec.biases() ? bs : null).flatten(), net.params()), "of(blocks) flattens to the same");

        double score = net.score(new DataSet(b.features(), b.labels()));
        assertEquals(score, view.loss(b), 1e-13 * Math.abs(score), "mean loss " + spec);
        assertTrue(relErr(view.output(b.features()), net.output(b.features())) < 1e-13, "output " + spec);

        net.setInput(b.features());
        net.setLabels(b.labels());
        net.computeGradientAndScore();
        INDArray dl4jMean = net.gradient().gradient().dup().divi(b.size());   // DL4J gives the SUM
        double err = relErr(view.gradient(b), dl4jMean);
        System.out.printf("DL4J agreement %s: loss %.3e rel, gradient %.3e rel%n", spec, relErr(view.loss(b), score), err);
        assertTrue(err < gradientTol, "gradient vs DL4J " + spec + ": " + err);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        check(NetArchitecture.classifier(TANH_BIASED), 1e-5, 1e-8, "tanh classifier");
        check(NetArchitecture.regression(TANH_BIASED), 1e-5, 1e-8, "tanh regression");
        check(NetArchitecture.classifier(LEAKY_FREE), 1e-6, 1e-7, "leaky classifier");
        check(NetArchitecture.classifier(LEAKY_BIASED), 1e-6, 1e-7, "leaky biased classifier");
    }

    private static void check(NetArchitecture arch, double h, double tol, String what) {
        Random rnd = new Random(3);
        INDArray p = params(rnd, arch, 0.5);
        Batch b = batch(rnd, arch, 7);
        INDArray fd = centralGradient(w -> new DenseNetView(arch, w).loss(b), p, h);
        double err = relErr(new DenseNetView(arch, p).gradient(b), fd);
        System.out.printf("gradient vs central differences, %s: %.3e%n", what, err);
        assertTrue(err < tol, what + ": " + err);
    }

    /** H v against central differences of the exact gradient along a unit direction. */
    @Test
    void hessianVectorProductMatchesCentralDifferences() {
        hvpCheck(NetArchitecture.classifier(TANH_BIASED), 1e-5, 1e-7, "tanh classifier");
        hvpCheck(NetArchitecture.regression(TANH_BIASED), 1e-5, 1e-7, "tanh regression");
        // piecewise-linear: a small step so that no pre-activation crosses its kink
        hvpCheck(NetArchitecture.classifier(LEAKY_FREE), 1e-7, 1e-6, "leaky classifier");
        hvpCheck(NetArchitecture.classifier(LEAKY_BIASED), 1e-7, 1e-6, "leaky biased classifier");
        hvpCheck(NetArchitecture.regression(LEAKY_BIASED), 1e-7, 1e-6, "leaky biased regression");
    }

    private static void hvpCheck(NetArchitecture arch, double h, double tol, String what) {
        Random rnd = new Random(5);
        INDArray p = params(rnd, arch, 0.5);
        Batch b = batch(rnd, arch, 8);
        for (int trial = 0; trial < 3; trial++) {
            INDArray v = unit(params(rnd, arch, 1.0));
            INDArray hv = new DenseNetView(arch, p).hessianVectorProduct(b, v);
            INDArray fd = centralDirectional(w -> new DenseNetView(arch, w).gradient(b), p, v, h);
            double err = relErr(hv, fd);
            System.out.printf("HVP vs central differences, %s: %.3e%n", what, err);
            assertTrue(err < tol, what + ": " + err);
        }
    }

    @Test
    void hessianIsSymmetric() {
        for (NetArchitecture arch : new NetArchitecture[]{NetArchitecture.classifier(TANH_BIASED), NetArchitecture.classifier(LEAKY_BIASED),
                NetArchitecture.regression(LEAKY_FREE)}) {
            Random rnd = new Random(9);
            DenseNetView view = new DenseNetView(arch, params(rnd, arch, 0.5));
            Batch b = batch(rnd, arch, 10);
            INDArray u = params(rnd, arch, 1.0), v = params(rnd, arch, 1.0);
            double uHv = u.mul(view.hessianVectorProduct(b, v)).sumNumber().doubleValue();
            double vHu = v.mul(view.hessianVectorProduct(b, u)).sumNumber().doubleValue();
            System.out.printf("u.Hv = %.15e, v.Hu = %.15e (%s)%n", uHv, vHu, arch);
            assertEquals(uHv, vHu, 1e-12 * Math.abs(uHv));
        }
    }

    /** Sums over two halves add up to the sums over the whole batch; the combined call agrees with the single ones. */
    @Test
    void sumsAreAdditiveAndConsistent() {
        NetArchitecture arch = NetArchitecture.classifier(LEAKY_BIASED);
        Random rnd = new Random(13);
        DenseNetView view = new DenseNetView(arch, params(rnd, arch, 0.5));
        Batch b = batch(rnd, arch, 10);
        INDArray v = params(rnd, arch, 1.0);
        Batch first = new Batch(b.features().getRows(0, 1, 2, 3), b.labels().getRows(0, 1, 2, 3));
        Batch second = new Batch(b.features().getRows(4, 5, 6, 7, 8, 9), b.labels().getRows(4, 5, 6, 7, 8, 9));
        BatchSums total = view.sums(first, v).plus(view.sums(second, v));
        assertEquals(10, total.count());
        assertEquals(view.loss(b), total.meanLoss(), 1e-13);
        assertTrue(relErr(total.meanGradient(), view.gradient(b)) < 1e-13);
        assertTrue(relErr(total.meanHvp(), view.hessianVectorProduct(b, v)) < 1e-13);

        GradientAndHvp both = view.gradientAndHessianGradient(b);
        assertTrue(relErr(both.gradient(), view.gradient(b)) < 1e-14);
        assertTrue(relErr(both.hessianGradient(), view.hessianVectorProduct(b, both.gradient())) < 1e-13);
        assertEquals(view.loss(b), both.loss(), 1e-14);
    }
}
