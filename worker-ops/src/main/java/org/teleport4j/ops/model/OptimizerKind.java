package org.teleport4j.ops.model;

import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Arrays;
import java.util.Locale;

/**
 * The optimisers of the paper's comparison, with the reference code's (PyTorch) defaults for their
 * constants. DL4J has no plain heavy-ball momentum: MOMENTUM is DL4J's Nesterovs updater.
 */
public enum OptimizerKind {
    SGD, MOMENTUM, ADAGRAD, RMSPROP, ADAM;

    public static final double MOMENTUM_COEFFICIENT = 0.9;
    public static final double ADAGRAD_EPSILON = 1e-10;
    public static final double RMSPROP_DECAY = 0.99;
    public static final double RMSPROP_EPSILON = 1e-8;
    public static final double ADAM_BETA1 = 0.9;
    public static final double ADAM_BETA2 = 0.999;
    public static final double ADAM_EPSILON = 1e-8;

    /** The DL4J updater at learning rate {@code lr}. */
    public IUpdater updater(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
        return switch (this) {
            case SGD -> new Sgd(lr);
            case MOMENTUM -> new Nesterovs(lr, MOMENTUM_COEFFICIENT);
            case ADAGRAD -> new AdaGrad(lr, ADAGRAD_EPSILON);
            case RMSPROP -> new RmsProp(lr, RMSPROP_DECAY, RMSPROP_EPSILON);
            case ADAM -> new Adam(lr, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
        };
    }

    public static OptimizerKind parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (OptimizerKind k : values()) if (k.name().equals(v)) return k;
        throw new IllegalArgumentException("unknown optimizer '" + value + "'; allowed: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList().toString();
    }
}
