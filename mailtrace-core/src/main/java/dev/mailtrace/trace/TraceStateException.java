package dev.mailtrace.trace;

import java.io.IOException;

/**
 * A saved aggregator state that cannot be read: not a state file, written by a newer format version,
 * damaged, or saved with other settings ({@code messages}). Distinct from the {@link IOException}s of
 * reading itself, so that a caller can decide to start afresh (and say so) instead of failing.
 */
public final class TraceStateException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, with the offending value in brackets */
    public TraceStateException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public TraceStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
