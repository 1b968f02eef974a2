package dev.mailtrace.bench.es;

import java.util.List;
import java.util.Map;

/**
 * One compiled Elasticsearch grok pattern ({@code org.elasticsearch.grok.Grok}). Immutable and
 * thread-safe, like the object it wraps; unusable once its {@link EsGrokEngine} is closed.
 */
public final class EsGrok {

    private final EsGrokEngine engine;
    private final Object grok;
    private final String pattern;
    private final List<String> warnings;

    EsGrok(EsGrokEngine engine, Object grok, String pattern, List<String> warnings) {
        this.engine = engine;
        this.grok = grok;
        this.pattern = pattern;
        this.warnings = warnings;
    }

    /** The grok pattern as given. */
    public String pattern() {
        return pattern;
    }

    /** What joni reported while compiling the expanded regex (Elasticsearch logs these). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Elasticsearch's {@code Grok.captures(String)}, what the ingest grok processor calls: the
     * typed captures of the first match (searching, unanchored unless the pattern anchors), a field
     * captured more than once as a list.
     *
     * @return the captures in Elasticsearch's order, or {@code null} if the pattern does not match
     * @throws EsGrokTimeoutException if the watchdog interrupted the match
     * @throws NumberFormatException if a typed capture ({@code :int}, {@code :long}, ...) does not
     *     convert; Elasticsearch throws it from the middle of extraction
     * @throws IllegalStateException if the engine is closed
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> captures(String line) {
        engine.ensureOpen();
        try {
            return (Map<String, Object>) engine.captures.invokeExact(grok, line);
        } catch (RuntimeException e) {
            throw engine.translate(e, pattern);
        } catch (Throwable t) {
            throw EsGrokEngine.propagate(t);
        }
    }

    /**
     * Elasticsearch's {@code Grok.match(String)}, quirks included: it tries start positions only
     * up to byte {@code line.length()} of the UTF-8 encoding (a char count, short of the end for
     * non-ASCII text), and it reports a match that the watchdog interrupted as {@code true}.
     * Prefer {@link #captures(String)} {@code != null}.
     *
     * @throws IllegalStateException if the engine is closed
     */
    public boolean match(String line) {
        engine.ensureOpen();
        try {
            return (boolean) engine.match.invokeExact(grok, line);
        } catch (RuntimeException e) {
            throw engine.translate(e, pattern);
        } catch (Throwable t) {
            throw EsGrokEngine.propagate(t);
        }
    }

    @Override
    public String toString() {
        return "EsGrok[" + pattern + "]";
    }
}
