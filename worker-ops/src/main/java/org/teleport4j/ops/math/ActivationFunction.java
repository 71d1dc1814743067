package org.teleport4j.ops.math;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.teleport4j.ops.model.HiddenActivation;

/**
 * A hidden activation sigma with the derivatives the math needs: sigma' for backpropagation, sigma''
 * for the Hessian-vector product (zero almost everywhere for the piecewise-linear ones) and sigma^-1
 * for the paper's Form B action. All functions return new arrays and leave their input alone.
 */
public record ActivationFunction(HiddenActivation kind, double leakySlope) implements java.io.Serializable {

    public ActivationFunction {
        if (kind == null) throw new IllegalArgumentException("activation kind must not be null");
        if (kind == HiddenActivation.RELU) leakySlope = 0.0;
        if (kind != HiddenActivation.LEAKY_RELU && kind != HiddenActivation.RELU) leakySlope = Double.NaN;
    }

    public INDArray value(INDArray z) {
        return switch (kind) {
            // sigma(z) = z * sigma'(z) for the piecewise-linear ones: one multiply after the slope mask.
            case LEAKY_RELU, RELU -> z.mul(derivative(z));
            case TANH -> Transforms.tanh(z, true);
            case IDENTITY -> z.dup();
        };
    }

    /** sigma'(z); at a kink (z = 0) the negative-side slope is used, a measure-zero choice. */
    public INDArray derivative(INDArray z) {
        return switch (kind) {
            case LEAKY_RELU, RELU -> z.gt(0.0).castTo(DataType.DOUBLE).muli(1.0 - leakySlope).addi(leakySlope);
            case TANH -> {
                INDArray t = Transforms.tanh(z, true);
                yield t.muli(t).rsubi(1.0);
            }
            case IDENTITY -> z.ulike().assign(1.0);
        };
    }

    /** False when sigma'' = 0 almost everywhere, so the HVP can skip the sigma'' term. */
    public boolean hasCurvature() {
        return kind == HiddenActivation.TANH;
    }

    /** sigma''(z) (zeros for the piecewise-linear activations). */
    public INDArray secondDerivative(INDArray z) {
        if (kind != HiddenActivation.TANH) return z.ulike().assign(0.0);
        // tanh'' = -2 tanh (1 - tanh^2)
        INDArray t = Transforms.tanh(z, true);
        return t.mul(t).rsubi(1.0).muli(t).muli(-2.0);
    }

    /** Whether sigma^-1 exists on the whole range: not for ReLU (it loses the negative side). */
    public boolean invertible() {
        return kind != HiddenActivation.RELU && !(kind == HiddenActivation.LEAKY_RELU && leakySlope == 0.0);
    }

    /**
     * sigma^-1(y). LeakyReLU with slope a: y for y > 0, y / a otherwise; tanh: atanh (NaN outside (-1, 1),
     * which the teleport safety net then rejects).
     */
    public INDArray inverse(INDArray y) {
        return switch (kind) {
            case LEAKY_RELU -> {
                if (leakySlope == 0.0) throw new UnsupportedOperationException("LeakyReLU with slope 0 is ReLU: no inverse");
                INDArray scale = y.gt(0.0).castTo(DataType.DOUBLE).muli(1.0 - 1.0 / leakySlope).addi(1.0 / leakySlope);
                yield y.mul(scale);
            }
            case TANH -> Transforms.atanh(y, true);
            case IDENTITY -> y.dup();
            case RELU -> throw new UnsupportedOperationException("ReLU has no inverse (negative inputs all map to 0)");
        };
    }

    public boolean positivelyHomogeneous() {
        return kind.positivelyHomogeneous();
    }

    @Override
    public String toString() {
        return kind == HiddenActivation.LEAKY_RELU ? "leaky_relu(" + leakySlope + ")" : kind.name().toLowerCase();
    }
}
