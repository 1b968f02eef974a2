package dev.mailtrace.grok;

/**
 * On/off options of a {@link Grok}, named after the Logstash grok filter options users know.
 * Defaults give Elasticsearch's grok results; see each constant for Logstash's.
 */
public enum GrokFeature {
    /**
     * Logstash {@code break_on_match}, default on: patterns are tried in order and the first
     * match wins. Off: every pattern is tried and the captures of all that match are merged, in
     * pattern order (a field captured by several becomes a list). Cost: off tries every pattern on
     * every line.
     */
    BREAK_ON_MATCH(true),
    /**
     * Logstash {@code named_captures_only}, default on: only references with a field
     * ({@code %{IP:client}}) and inline named groups capture. Off: {@code %{IP}} also captures,
     * as field {@code IP}. Cost: off captures more groups.
     */
    NAMED_CAPTURES_ONLY(true),
    /**
     * Logstash {@code keep_empty_captures}, default on as in Elasticsearch's grok: a group that
     * matched the empty string gives {@code ""}. Off (Logstash's default): such captures are
     * dropped. No cost either way.
     */
    KEEP_EMPTY_CAPTURES(true);

    private final boolean enabledByDefault;

    GrokFeature(boolean enabledByDefault) {
        this.enabledByDefault = enabledByDefault;
    }

    /** Whether the feature is on unless configured. */
    public boolean enabledByDefault() {
        return enabledByDefault;
    }
}
