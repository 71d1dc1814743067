package org.teleport4j.driver.train;

/**
 * Where training stands after an averaging round.
 *
 * @param epoch          0-based epoch
 * @param round          0-based round within the epoch
 * @param roundsPerEpoch rounds in every epoch
 * @param globalRound    rounds completed since the run began, this one included
 * @param score          mean minibatch loss the workers reported for this round
 */
public record RoundInfo(int epoch, int round, int roundsPerEpoch, long globalRound, double score) {
}
