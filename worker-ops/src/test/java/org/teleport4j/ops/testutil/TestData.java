package org.teleport4j.ops.testutil;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.NetArchitecture;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/** Seeded random arrays and central differences for the math tests (java.util.Random: independent of ND4J's RNG state). */
public final class TestData {
    private TestData() {
    }

    public static INDArray gaussian(Random rnd, long rows, long cols, double scale) {
        double[] v = new double[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) v[i] = scale * rnd.nextGaussian();
        return Nd4j.create(v, new long[]{rows, cols}, DataType.DOUBLE);
    }

    public static INDArray uniform(Random rnd, long rows, long cols) {
        double[] v = new double[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextDouble();
        return Nd4j.create(v, new long[]{rows, cols}, DataType.DOUBLE);
    }

    public static INDArray oneHot(Random rnd, int rows, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, classes);
        for (int i = 0; i < rows; i++) y.putScalar(i, rnd.nextInt(classes), 1.0);
        return y;
    }

    /** Random parameters in DL4J's flat layout, N(0, scale^2) entries. */
    public static INDArray params(Random rnd, NetArchitecture arch, double scale) {
        return gaussian(rnd, 1, arch.parameterCount(), scale);
    }

    /** A random batch: Gaussian features, one-hot labels (classifier) or Gaussian targets (regression). */
    public static Batch batch(Random rnd, NetArchitecture arch, int n) {
        INDArray x = gaussian(rnd, n, arch.width(0), 1.0);
        int out = arch.width(arch.layerCount());
        INDArray y = arch.loss() == org.teleport4j.ops.math.Loss.SOFTMAX_CROSS_ENTROPY ? oneHot(rnd, n, out) : gaussian(rnd, n, out, 1.0);
        return new Batch(x, y);
    }

    public static INDArray unit(INDArray v) {
        return v.div(v.norm2Number().doubleValue());
    }

    /** Central difference (f(x + h e_i) - f(x - h e_i)) / 2h for every coordinate i of a flat vector. */
    public static INDArray centralGradient(ToDoubleFunction<INDArray> f, INDArray x, double h) {
        INDArray g = x.ulike();
        for (long i = 0; i < x.length(); i++) {
            INDArray p = x.dup(), m = x.dup();
            p.putScalar(i, x.getDouble(i) + h);
            m.putScalar(i, x.getDouble(i) - h);
            g.putScalar(i, (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * h));
        }
        return g;
    }

    /** Central difference of a vector function along direction v: (F(x + h v) - F(x - h v)) / 2h. */
    public static INDArray centralDirectional(UnaryOperator<INDArray> f, INDArray x, INDArray v, double h) {
        return f.apply(x.add(v.mul(h))).sub(f.apply(x.sub(v.mul(h)))).divi(2 * h);
    }

    /** ||a - b|| / max(||b||, tiny). */
    public static double relErr(INDArray a, INDArray b) {
        double nb = b.norm2Number().doubleValue();
        return a.sub(b).norm2Number().doubleValue() / Math.max(nb, 1e-300);
    }

    public static double relErr(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    }

    /**
     * The angle in degrees between H g and g, folded to [0, 90] (an eigenvector of either sign gives 0).
     * atan2 of the perpendicular and parallel parts: accurate for tiny angles, where acos of a cosine is not.
     */
    public static double angleDegrees(INDArray hg, INDArray g) {
        INDArray unit = g.div(g.norm2Number().doubleValue());
        double parallel = hg.mul(unit).sumNumber().doubleValue();
        double perpendicular = hg.sub(unit.mul(parallel)).norm2Number().doubleValue();
        return Math.toDegrees(Math.atan2(perpendicular, Math.abs(parallel)));
    }
}
