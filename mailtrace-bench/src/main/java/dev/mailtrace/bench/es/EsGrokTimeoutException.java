package dev.mailtrace.bench.es;

/**
 * Elasticsearch's grok watchdog interrupted a match that ran longer than the engine's maximum
 * execution time. Elasticsearch reports this as a bare {@code RuntimeException} whose message
 * callers must parse; {@link EsGrok} turns exactly that exception into this one.
 */
public final class EsGrokTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pattern;
    private final long maxExecutionMillis;

    EsGrokTimeoutException(String pattern, long maxExecutionMillis, RuntimeException cause) {
        super("Elasticsearch grok [" + pattern + "] interrupted after [" + maxExecutionMillis + "] ms", cause);
        this.pattern = pattern;
        this.maxExecutionMillis = maxExecutionMillis;
    }

    /** The grok pattern that ran too long. */
    public String pattern() {
        return pattern;
    }

    /** The watchdog's maximum execution time in milliseconds. */
    public long maxExecutionMillis() {
        return maxExecutionMillis;
    }
}
