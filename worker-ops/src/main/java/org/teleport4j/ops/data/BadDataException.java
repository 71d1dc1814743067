package org.teleport4j.ops.data;

/** A dataset file is missing, truncated or malformed. The message names the file and what is wrong. */
public class BadDataException extends RuntimeException {
    public BadDataException(String message) {
        super(message);
    }

    public BadDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
