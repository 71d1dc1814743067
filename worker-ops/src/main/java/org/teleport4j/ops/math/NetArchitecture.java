package org.teleport4j.ops.math;

import org.teleport4j.ops.model.MlpSpec;

/**
 * A dense network as the math sees it: the layers of an {@link MlpSpec} (widths, hidden activation,
 * biases) and the loss on top. Knows DL4J's flat parameter layout: for each layer m in order, the weight
 * matrix W_m [d_m, d_{m+1}] flattened column-major ('f'), then (if the layer has one) the bias [1, d_{m+1}].
 *
 * @param layers widths, hidden activation, biases
 * @param loss   output transform and loss
 */
public record NetArchitecture(MlpSpec layers, Loss loss) implements java.io.Serializable {

    public NetArchitecture {
        if (layers == null || loss == null) throw new IllegalArgumentException("layers and loss must not be null");
    }

    /** The classifier an {@link MlpSpec} builds in DL4J: softmax output, mean cross-entropy. */
    public static NetArchitecture classifier(MlpSpec layers) {
        return new NetArchitecture(layers, Loss.SOFTMAX_CROSS_ENTROPY);
    }

    /** The same layers with an identity output and squared-error loss. */
    public static NetArchitecture regression(MlpSpec layers) {
        return new NetArchitecture(layers, Loss.SQUARED_ERROR);
    }

    /** Number of weight layers (hidden layers + output layer). */
    public int layerCount() {
        return layers.layerCount();
    }

    /** Number of hidden layers, i.e. of group elements a symmetry action takes. */
    public int hiddenLayerCount() {
        return layers.layerCount() - 1;
    }

    /** Width d_i of the i-th activation (0 = input, layerCount() = output). */
    public int width(int i) {
        return layers.widths()[i];
    }

    /** Width of hidden layer m (the output width of weight layer m), for m in [0, hiddenLayerCount()). */
    public int hiddenWidth(int m) {
        return width(m + 1);
    }

    public boolean biases() {
        return layers.biases();
    }

    public ActivationFunction activation() {
        return new ActivationFunction(layers.activation(), layers.leakySlope());
    }

    public long parameterCount() {
        return layers.parameterCount();
    }

    /** Offset of W_m in the flat vector. */
    public long weightOffset(int m) {
        long off = 0;
        for (int i = 0; i < m; i++) off += (long) width(i) * width(i + 1) + (biases() ? width(i + 1) : 0);
        return off;
    }

    /** Offset of b_m in the flat vector (only meaningful when the layers have biases). */
    public long biasOffset(int m) {
        return weightOffset(m) + (long) width(m) * width(m + 1);
    }

    @Override
    public String toString() {
        return layers + ", " + loss.name().toLowerCase();
    }
}
