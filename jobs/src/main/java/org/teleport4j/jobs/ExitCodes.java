package org.teleport4j.jobs;

/** Process exit codes of every teleport4j command (documented in the README). */
public final class ExitCodes {
    public static final int OK = 0;
    /** Bad command line or configuration: unknown key, wrong type, value out of range, missing preset. */
    public static final int BAD_CONFIG = 2;
    /** Bad input data: a dataset file missing, truncated or malformed. */
    public static final int BAD_DATA = 3;
    /** Anything else that failed while running (Spark, I/O, numerical failure). The run can be resumed. */
    public static final int RUNTIME_FAILURE = 4;

    private ExitCodes() {
    }
}
