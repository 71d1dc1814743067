package org.teleport4j.driver.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Called on the driver after every parameter-averaging round with the averaged network. A hook may change
 * the network's parameters (and updater state) in place: the next round broadcasts what it leaves there.
 * This is where a synchronized teleport of the averaged weights happens.
 */
@FunctionalInterface
public interface RoundHook {
    void afterRound(RoundInfo info, MultiLayerNetwork averaged);

    /** Called before a round (score is NaN); what the hook leaves in the network is what the round broadcasts. */
    default void beforeRound(RoundInfo info, MultiLayerNetwork averaged) {
    }
}
