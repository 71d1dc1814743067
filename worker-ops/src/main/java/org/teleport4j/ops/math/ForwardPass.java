package org.teleport4j.ops.math;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * What a forward pass keeps for the backward and R passes, in row convention (samples are rows):
 * inputs H_m of weight layer m (H_0 = the features), pre-activations Z_m = H_m W_m + b_m, the slopes
 * sigma'(Z_m) of the hidden layers, and the network output.
 *
 * @param inputs         H_0 .. H_{L-1}
 * @param preActivations Z_0 .. Z_{L-1}
 * @param slopes         sigma'(Z_0) .. sigma'(Z_{L-2}) (hidden layers only)
 * @param output         loss.output(Z_{L-1}) (softmax probabilities or the identity)
 */
public record ForwardPass(List<INDArray> inputs, List<INDArray> preActivations, List<INDArray> slopes, INDArray output) {
}
