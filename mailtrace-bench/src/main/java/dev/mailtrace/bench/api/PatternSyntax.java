package dev.mailtrace.bench.api;

/** How the patterns of a benchmark are written. */
public enum PatternSyntax {
    /** Grok: {@code %{NAME:field:type}} references resolved in a pattern bank, regex around them. */
    GROK,
    /**
     * Plain regexes (Oniguruma/Ruby syntax, as joni and Elasticsearch read them); {@code %{} is a
     * literal here, never a reference.
     */
    REGEX
}
