package org.teleport4j.ops.optim;

import java.util.Arrays;
import java.util.Locale;

/** What happens to the optimiser's state when the weights are teleported. */
public enum StatePolicy {
    /** Zero every moment and restart the step count: the paper's reference code rebuilds its optimiser. */
    RESET,
    /** Leave the state as it is (stale: it was accumulated at the old point of the orbit). */
    KEEP,
    /**
     * Move the state with the weights, for diagonal (scaling) groups: a weight scaled by c has its gradient
     * scaled by 1/c, so first moments are multiplied by 1/c and second moments by 1/c^2.
     */
    TRANSPORT;

    public static StatePolicy parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (StatePolicy p : values()) if (p.name().equals(v)) return p;
        throw new IllegalArgumentException("unknown optimizer-state policy '" + value + "'; allowed: "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
    }
}
