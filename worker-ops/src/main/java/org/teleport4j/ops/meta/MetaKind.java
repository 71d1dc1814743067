package org.teleport4j.ops.meta;

import java.util.Arrays;
import java.util.Locale;

/** The three meta-optimisers of PAPER.md item 4: what the LSTM's heads output. */
public enum MetaKind {
    /** LSTM(lr, tele): the group element T and a step size for a gradient step at the teleported point. */
    LR_TELE("lr-tele", true, false, true),
    /** LSTM(update, tele): T and the whole update. */
    UPDATE_TELE("update-tele", true, true, false),
    /** LSTM(update): the update only (the learned optimiser without teleportation). */
    UPDATE("update", false, true, false);

    private final String id;
    private final boolean teleports;
    private final boolean outputsUpdate;
    private final boolean outputsStepSize;

    MetaKind(String id, boolean teleports, boolean outputsUpdate, boolean outputsStepSize) {
        this.id = id;
        this.teleports = teleports;
        this.outputsUpdate = outputsUpdate;
        this.outputsStepSize = outputsStepSize;
    }

    public String id() {
        return id;
    }

    public boolean teleports() {
        return teleports;
    }

    public boolean outputsUpdate() {
        return outputsUpdate;
    }

    public boolean outputsStepSize() {
        return outputsStepSize;
    }

    /** The paper's name for plots and tables. */
    public String label() {
        return switch (this) {
            case LR_TELE -> "LSTM(lr, tele)";
            case UPDATE_TELE -> "LSTM(update, tele)";
            case UPDATE -> "LSTM(update)";
        };
    }

    public static MetaKind parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        for (MetaKind k : values()) if (k.id.equals(v)) return k;
        throw new IllegalArgumentException("unknown meta-optimiser \"" + s + "\": allowed "
                + Arrays.toString(Arrays.stream(values()).map(MetaKind::id).toArray()));
    }
}
