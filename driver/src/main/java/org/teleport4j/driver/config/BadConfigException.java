package org.teleport4j.driver.config;

/** The configuration is invalid: an unknown key, a wrong type or a value out of range. Names the key. */
public class BadConfigException extends RuntimeException {
    public BadConfigException(String message) {
        super(message);
    }

    public BadConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
