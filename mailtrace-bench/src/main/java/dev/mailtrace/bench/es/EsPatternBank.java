package dev.mailtrace.bench.es;

/**
 * Elasticsearch's {@code PatternBank}, built once by {@link EsGrokEngine#patternBank} so that many
 * patterns can be compiled against it without Elasticsearch re-checking the whole bank for cycles
 * each time. Immutable and thread-safe.
 */
public final class EsPatternBank {

    private final EsGrokEngine engine;
    private final Object bank;

    EsPatternBank(EsGrokEngine engine, Object bank) {
        this.engine = engine;
        this.bank = bank;
    }

    /**
     * Compiles a grok pattern as Elasticsearch does ({@code new Grok(bank, pattern, watchdog, log)}).
     *
     * @throws IllegalArgumentException if Elasticsearch rejects it (an unknown pattern name, a
     *     circular reference, a regex joni cannot compile), with Elasticsearch's message
     * @throws IllegalStateException if the engine is closed
     */
    public EsGrok compile(String pattern) {
        return engine.compile(bank, pattern);
    }
}
