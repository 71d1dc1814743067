package org.teleport4j.ops.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;

/**
 * A fully connected classifier: widths[0] inputs, hidden layers widths[1..L-1] with one activation,
 * a softmax output of widths[L] classes, mean cross-entropy loss. The paper's models have no biases
 * and use LeakyReLU with slope 0.1.
 *
 * @param widths     layer widths including input and output, at least 2 entries, all positive
 * @param activation activation of every hidden layer
 * @param leakySlope negative-side slope of LeakyReLU (ignored otherwise)
 * @param biases     whether every layer has a bias vector
 */
public record MlpSpec(int[] widths, HiddenActivation activation, double leakySlope, boolean biases) implements java.io.Serializable {

    public MlpSpec {
        if (widths == null || widths.length < 2)
            throw new IllegalArgumentException("an MLP needs at least an input and an output width, got " + Arrays.toString(widths));
        for (int w : widths)
            if (w <= 0) throw new IllegalArgumentException("layer widths must be positive, got " + Arrays.toString(widths));
        if (!(leakySlope >= 0 && leakySlope < 1))
            throw new IllegalArgumentException("leaky slope must be in [0, 1), got " + leakySlope);
        widths = widths.clone();
    }

    /** The paper's model family: bias-free, LeakyReLU 0.1. */
    public static MlpSpec paper(int... widths) {
        return new MlpSpec(widths, HiddenActivation.LEAKY_RELU, 0.1, false);
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    public int inputs() { return widths[0]; }

    public int classes() { return widths[widths.length - 1]; }

    /** Number of weight layers (hidden layers + the output layer). */
    public int layerCount() { return widths.length - 1; }

    /** Total number of parameters in DL4J's flat parameter vector. */
    public long parameterCount() {
        long n = 0;
        for (int m = 0; m < layerCount(); m++) n += (long) widths[m] * widths[m + 1] + (biases ? widths[m + 1] : 0);
        return n;
    }

    /**
     * The DL4J configuration. Weights are drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (DL4J's UNIFORM init,
     * the paper's init); biases start at zero.
     */
    public MultiLayerConfiguration toConfiguration(IUpdater updater, long seed, DataType dataType) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(WeightInit.UNIFORM)
                .list();
        for (int m = 0; m < layerCount() - 1; m++) {
            list.layer(m, new DenseLayer.Builder()
                    .nIn(widths[m]).nOut(widths[m + 1])
                    .activation(activation.toDl4j(leakySlope))
                    .hasBias(biases)
                    .build());
        }
        int last = layerCount() - 1;
        list.layer(last, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(widths[last]).nOut(widths[last + 1])
                .activation(Activation.SOFTMAX)
                .hasBias(biases)
                .build());
        return list.build();
    }

    /** A freshly initialised network. */
    public MultiLayerNetwork newNetwork(IUpdater updater, long seed, DataType dataType) {
        MultiLayerNetwork net = new MultiLayerNetwork(toConfiguration(updater, seed, dataType));
        net.init();
        return net;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpSpec s && Arrays.equals(widths, s.widths) && activation == s.activation
                && Double.compare(leakySlope, s.leakySlope) == 0 && biases == s.biases;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(widths) * 31 + activation.hashCode() + Boolean.hashCode(biases);
    }

    @Override
    public String toString() {
        return "MLP" + Arrays.toString(widths) + " " + activation.name().toLowerCase()
                + (activation == HiddenActivation.LEAKY_RELU ? "(" + leakySlope + ")" : "")
                + (biases ? " with biases" : " without biases");
    }
}
