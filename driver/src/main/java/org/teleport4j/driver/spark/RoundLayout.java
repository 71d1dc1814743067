package org.teleport4j.driver.spark;

import java.io.Serializable;

/**
 * Which worker trains which minibatch in which averaging round. An epoch's examples, in order, form
 * minibatches of {@code batchSize}; a round hands {@code frequency} consecutive minibatches to each of the
 * {@code workers} in turn, so with one worker the round order is exactly the sequential order.
 */
public record RoundLayout(long examples, int workers, int batchSize, int frequency) implements Serializable {

    public RoundLayout {
        if (examples <= 0) throw new IllegalArgumentException("no training examples");
        if (workers <= 0 || batchSize <= 0 || frequency <= 0)
            throw new IllegalArgumentException("workers, batch size and frequency must be positive");
    }

    public long minibatches() {
        return (examples + batchSize - 1) / batchSize;
    }

    public int rounds() {
        long perRound = (long) workers * frequency;
        return (int) ((minibatches() + perRound - 1) / perRound);
    }

    public long minibatchOf(long position) {
        return position / batchSize;
    }

    public int workerOf(long minibatch) {
        return (int) ((minibatch % ((long) workers * frequency)) / frequency);
    }

    public int roundOf(long minibatch) {
        return (int) (minibatch / ((long) workers * frequency));
    }
}
