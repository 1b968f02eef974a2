package dev.mailtrace.bench.api;

/** How the patterns of a set are applied to a line. */
public enum Semantics {
    /**
     * In order, the first that matches wins and the rest are not tried, as Logstash's grok filter
     * runs a {@code match} list ({@code break_on_match => true}); a pattern that runs out of budget
     * also ends the line. Each pattern is charged for the lines it was tried on.
     */
    FIRST_MATCH,
    /** Every pattern on every line ({@code break_on_match => false}). */
    ALL_PATTERNS
}
