package org.teleport4j.ops.meta;

import java.io.Serializable;

/**
 * How one meta-optimiser is trained (PAPER.md item 4).
 *
 * @param kind         which meta-optimiser
 * @param n            the optimisee's size (X, Y, W0, W1 are n x n)
 * @param hidden       width of both LSTM cells
 * @param trajectories training trajectories; trajectory i draws its task from seed {@code trainSeed + i}
 * @param steps        optimisee steps per trajectory
 * @param window       steps per truncated-backpropagation window
 * @param metaLr       Adam's learning rate
 * @param inputScale   factor on the gradients the LSTM reads (1 = the paper's raw gradients)
 * @param outputScale  factor on the update head's output
 * @param trainSeed    seed of the first training trajectory
 * @param initSeed     seed of the LSTM's initialisation
 */
public record MetaTrainingSettings(MetaKind kind, int n, int hidden, int trajectories, int steps, int window, double metaLr,
                                   double inputScale, double outputScale, long trainSeed, long initSeed) implements Serializable {
}
