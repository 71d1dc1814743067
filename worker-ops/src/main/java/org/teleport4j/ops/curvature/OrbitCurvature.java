package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.ActivationFunction;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.ForwardPass;
import org.teleport4j.ops.math.Matrices;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;
import org.teleport4j.ops.math.PseudoInverse;
import org.teleport4j.ops.symmetry.FormB;
import org.teleport4j.ops.symmetry.Tangent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The paper's curvature psi: curvature of the Form B orbit curve gamma(t) = exp(t M) . w at t = 0, from closed-form
 * derivatives. Row convention (see {@link FormB}): on the batch with layer input H, Z = H V + b, A = sigma(Z) = H_{m+1},
 * D = sigma'(Z); the curve moves A to A exp(t M), so Z(t) = sigma^-1(A exp(t M)), [V; b](t) = [V; b] + P (Z(t) - Z)
 * with P = pinv([H, 1]) (no ones column without biases), and U(t) = exp(-t M) U. At t = 0:
 * <pre>
 *   U' = -M U,                         U'' = M^2 U
 *   Z' = (A M) / D,                    Z'' = (A M^2) / D - sigma''(Z) (A M)^2 / D^3     (elementwise)
 *   [V'; b'] = P Z',                   [V''; b''] = P Z''
 * </pre>
 * The sigma'' term (the curvature of sigma^-1) vanishes for LeakyReLU, where these are the paper's formulas
 * (transposed). With several hidden layers each has its own M_m; the middle matrix W_{m+1} sums the U-part of
 * layer m and the V-part of layer m+1, all taken at the unmoved point: the cross-layer terms of the sequential
 * composition are ignored, as the paper does (they do not affect gamma', only gamma'').
 */
public final class OrbitCurvature {
    private OrbitCurvature() {
    }

    /**
     * gamma'(0) and gamma''(0) in DL4J's flat layout.
     *
     * @param velocity     gamma'(0), [1, N]
     * @param acceleration gamma''(0), [1, N]
     */
    public record CurveDerivatives(INDArray velocity, INDArray acceleration) {

        public double curvature() {
            return CurveGeometry.curvature(velocity, acceleration);
        }
    }

    /**
     * The curve's derivatives at t = 0 on a batch.
     *
     * @param generators one M_m [k_m, k_m] per hidden layer (row convention); an all-zero block leaves its layer still
     */
    public static CurveDerivatives derivatives(NetArchitecture arch, INDArray params, INDArray features, Tangent generators) {
        if (generators.size() != arch.hiddenLayerCount())
            throw new IllegalArgumentException("need one generator per hidden layer (" + arch.hiddenLayerCount() + "), got " + generators.size());
        ActivationFunction act = arch.activation();
        if (!act.invertible()) throw new IllegalArgumentException("the Form B curve needs an invertible activation, not " + act);
        ParamBlocks p = ParamBlocks.split(arch, params);
        ForwardPass fp = new DenseNetView(p).forward(features);
        INDArray[] vw = zeroWeights(arch), vb = zeroBiases(arch), aw = zeroWeights(arch), ab = zeroBiases(arch);
        for (int m = 0; m < arch.hiddenLayerCount(); m++) {
            INDArray gen = generators.block(m).castTo(DataType.DOUBLE);
            if (gen.amaxNumber().doubleValue() == 0.0) continue;
            INDArray gen2 = gen.mmul(gen);
            INDArray u = p.weight(m + 1);
            vw[m + 1].subi(gen.mmul(u));                           // U' = -M U
            aw[m + 1].addi(gen2.mmul(u));                          // U'' = M^2 U

            INDArray a = fp.inputs().get(m + 1), d = fp.slopes().get(m);
            INDArray am = a.mmul(gen);
            INDArray z1 = am.div(d);                               // Z' = (A M) / D
            INDArray z2 = a.mmul(gen2).divi(d);                    // Z'' = (A M^2) / D ...
            if (act.hasCurvature()) {
                // ... - sigma''(Z) (A M)^2 / D^3: d^2/dt^2 sigma^-1(y(t)) = y'' / sigma' - sigma'' y'^2 / sigma'^3
                INDArray d3 = d.mul(d).muli(d);
                z2.subi(act.secondDerivative(fp.preActivations().get(m)).muli(am.mul(am)).divi(d3));
            }
            INDArray input = fp.inputs().get(m);
            INDArray design = arch.biases() ? Matrices.withOnesColumn(input) : input;
            INDArray pinv = PseudoInverse.of(design).matrix();     // [d_m (+1), n]
            addIncoming(arch, m, pinv.mmul(z1), vw, vb);
            addIncoming(arch, m, pinv.mmul(z2), aw, ab);
        }
        return new CurveDerivatives(flatten(arch, vw, vb), flatten(arch, aw, ab));
    }

    /** kappa of the orbit curve with these generators, on one batch's features. */
    public static double kappa(NetArchitecture arch, INDArray params, INDArray features, Tangent generators) {
        return derivatives(arch, params, features, generators).curvature();
    }

    /**
     * psi: the mean of kappa over curves, curve i on {@code featureBatches.get(i)} with generators drawn from
     * (settings seed, i) on every hidden layer. The caller supplies as many batches as curves it wants
     * ({@link CurvatureSettings#curves()} for the paper's measure).
     */
    public static double psi(NetArchitecture arch, INDArray params, List<INDArray> featureBatches, CurvatureSettings settings) {
        if (featureBatches.isEmpty()) throw new IllegalArgumentException("need at least one batch");
        double sum = 0;
        for (int i = 0; i < featureBatches.size(); i++) sum += kappaOfCurve(arch, params, featureBatches.get(i), settings, i);
        return sum / featureBatches.size();
    }

    /** kappa of curve i of the measure: generators drawn from (settings seed, i) on every hidden layer, on curve i's batch. */
    public static double kappaOfCurve(NetArchitecture arch, INDArray params, INDArray features, CurvatureSettings settings, int curve) {
        return kappa(arch, params, features, randomGenerators(arch, RandomDraws.derive(settings.seed(), curve)));
    }

    /** One random generator per hidden layer: U[0,1) entries scaled to Frobenius norm 1 (the paper's M). */
    public static Tangent randomGenerators(NetArchitecture arch, long seed) {
        int[] all = new int[arch.hiddenLayerCount()];
        for (int m = 0; m < all.length; m++) all[m] = m;
        return randomGenerators(arch, seed, all);
    }

    /** Random generators on the listed hidden layers only, zero blocks elsewhere (e.g. the paper's psi teleport: layer 1). */
    public static Tangent randomGenerators(NetArchitecture arch, long seed, int... hiddenLayers) {
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < arch.hiddenLayerCount(); m++) {
            int k = arch.hiddenWidth(m);
            blocks.add(Nd4j.zeros(DataType.DOUBLE, k, k));
        }
        for (int m : hiddenLayers) {
            if (m < 0 || m >= arch.hiddenLayerCount()) throw new IllegalArgumentException("hidden layer " + m + " outside [0, " + arch.hiddenLayerCount() + ")");
            int k = arch.hiddenWidth(m);
            INDArray g = RandomDraws.uniform(new SplittableRandom(RandomDraws.derive(seed, m)), k, k);
            blocks.set(m, g.divi(g.norm2Number().doubleValue()));
        }
        return new Tangent(blocks);
    }

    /** Adds a [d_m (+1), k] change of [V; b] to layer m's weight (and bias) blocks. */
    private static void addIncoming(NetArchitecture arch, int m, INDArray change, INDArray[] w, INDArray[] b) {
        int dIn = arch.width(m);
        w[m].addi(change.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, dIn), org.nd4j.linalg.indexing.NDArrayIndex.all()));
        if (arch.biases()) b[m].addi(change.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(dIn, dIn + 1), org.nd4j.linalg.indexing.NDArrayIndex.all()));
    }

    private static INDArray[] zeroWeights(NetArchitecture arch) {
        INDArray[] w = new INDArray[arch.layerCount()];
        for (int m = 0; m < w.length; m++) w[m] = Nd4j.zeros(DataType.DOUBLE, arch.width(m), arch.width(m + 1));
        return w;
    }

    private static INDArray[] zeroBiases(NetArchitecture arch) {
        INDArray[] b = new INDArray[arch.layerCount()];
        for (int m = 0; m < b.length; m++) b[m] = Nd4j.zeros(DataType.DOUBLE, 1, arch.width(m + 1));
        return b;
    }

    private static INDArray flatten(NetArchitecture arch, INDArray[] w, INDArray[] b) {
        return ParamBlocks.of(arch, List.of(w), arch.biases() ? List.of(b) : null).flatten();
    }
}
