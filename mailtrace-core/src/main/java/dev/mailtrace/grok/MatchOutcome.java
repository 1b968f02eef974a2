package dev.mailtrace.grok;

/** What happened when a line was matched: a typed result, never an exception to parse. */
public enum MatchOutcome {
    /** At least one pattern matched; captures are available. */
    MATCHED,
    /** No pattern matched. */
    NO_MATCH,
    /**
     * A pattern exceeded the per-line match budget ({@link Grok.Builder#matchTimeout}) and was
     * abandoned; as in Logstash, no further pattern is tried for this line.
     */
    TIMED_OUT
}
