package org.teleport4j.driver.teleport;

import java.util.Arrays;
import java.util.List;

/**
 * When teleports happen, as rounds of parameter averaging: before round r of epoch e. With one worker and
 * averaging after every minibatch a round is a minibatch step, which makes the paper's schedule ("teleport
 * before each of the first N minibatch steps of epoch E") exact.
 */
public sealed interface TeleportSchedule extends java.io.Serializable {

    boolean teleportsBefore(int epoch, int round);

    /** The paper's: before each of the first {@code rounds} rounds of {@code epoch}. */
    record FirstRoundsOfEpoch(int epoch, int rounds) implements TeleportSchedule {
        public boolean teleportsBefore(int e, int r) {
            return e == epoch && r < rounds;
        }
    }

    /** Before every {@code every}-th round, counting rounds from the start of each epoch (round 0 included). */
    record EveryRounds(int every) implements TeleportSchedule {
        public boolean teleportsBefore(int e, int r) {
            return r % every == 0;
        }
    }

    /** Before the first round of each listed epoch. */
    record AtEpochs(int[] epochs) implements TeleportSchedule {
        public boolean teleportsBefore(int e, int r) {
            return r == 0 && Arrays.stream(epochs).anyMatch(x -> x == e);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AtEpochs a && Arrays.equals(epochs, a.epochs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(epochs);
        }

        @Override
        public String toString() {
            return "AtEpochs" + Arrays.toString(epochs);
        }
    }

    List<String> KINDS = List.of("paper", "every-rounds", "epochs");
}
