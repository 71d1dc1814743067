package org.teleport4j.ops.model;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import java.util.Arrays;
import java.util.Locale;

/** The activations a hidden layer may use. Piecewise-linear ones are positively homogeneous (scaling symmetry). */
public enum HiddenActivation {
    LEAKY_RELU, RELU, TANH, IDENTITY;

    /** True when sigma(c z) = c sigma(z) for all c > 0: the positive-scaling group is then an exact symmetry. */
    public boolean positivelyHomogeneous() {
        return this != TANH;
    }

    /** True when sigma is one-to-one (Form B and its orbit curves solve sigma(Z') = ... for Z'). */
    public boolean invertible() {
        return this != RELU;
    }

    /** The DL4J activation object; {@code leakySlope} is used only by LEAKY_RELU. */
    public IActivation toDl4j(double leakySlope) {
        return switch (this) {
            case LEAKY_RELU -> new ActivationLReLU(leakySlope);
            case RELU -> new ActivationReLU();
            case TANH -> new ActivationTanH();
            case IDENTITY -> new ActivationIdentity();
        };
    }

    /** Parses a config value such as "leaky_relu" or "leakyrelu"; the error lists the allowed values. */
    public static HiddenActivation parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (v.equals("LEAKYRELU")) return LEAKY_RELU;
        for (HiddenActivation a : values()) if (a.name().equals(v)) return a;
        throw new IllegalArgumentException("unknown activation '" + value + "'; allowed: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toList().toString();
    }
}
