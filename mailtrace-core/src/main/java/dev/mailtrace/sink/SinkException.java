package dev.mailtrace.sink;

/**
 * A sink could not be opened, or failed to write, flush or close. Carries the sink's name and the
 * cause (an {@link java.io.IOException} for the NDJSON sink). Unchecked so that it can travel
 * through {@link dev.mailtrace.trace.TraceListener}s; never swallowed: whoever feeds the sink ends
 * the run and reports it.
 */
public final class SinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sink;

    /**
     * @param sink the sink's name ({@code ndjson})
     * @param message what failed, ending with the reason
     * @param cause the cause, or null
     */
    public SinkException(String sink, String message, Throwable cause) {
        super("sink [" + sink + "]: " + message, cause);
        this.sink = sink;
    }

    /** The name of the sink that failed. */
    public String sink() {
        return sink;
    }
}
