package org.teleport4j.ops.teleport;

/** Whether a teleport raises (ASCENT) or lowers (DESCENT) its objective along the orbit. */
public enum TeleportDirection {
    ASCENT(1.0), DESCENT(-1.0);

    private final double sign;

    TeleportDirection(double sign) {
        this.sign = sign;
    }

    public double sign() {
        return sign;
    }

    /** True when {@code value} lies beyond {@code cap} in this direction (above for ascent, below for descent). */
    public boolean beyond(double value, double cap) {
        return this == ASCENT ? value > cap : value < cap;
    }
}
