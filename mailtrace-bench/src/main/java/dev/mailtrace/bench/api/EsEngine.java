package dev.mailtrace.bench.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mailtrace.bench.es.EsGrok;
import dev.mailtrace.bench.es.EsGrokEngine;
import dev.mailtrace.bench.es.EsGrokTimeoutException;
import dev.mailtrace.bench.es.EsPatternBank;

/**
 * Elasticsearch's grok, each pattern compiled against the same definitions, run as its ingest
 * processor runs a list of patterns: {@code captures(String)} per pattern, in order. Its watchdog
 * gets the set's match budget.
 */
final class EsEngine implements LineEngine {

    private final EsGrokEngine es;
    private final EsGrok[] patterns;
    private final String[] lines;
    private final boolean firstMatch;
    private final Map<String, Object>[] last;

    @SuppressWarnings("unchecked")
    EsEngine(CompiledSet set, String[] lines, Path jars) {
        Duration budget = set.matchTimeout.isZero() ? Duration.ofDays(1) : set.matchTimeout;
        Duration interval = budget.compareTo(Duration.ofSeconds(1)) < 0 ? budget : Duration.ofSeconds(1);
        try {
            this.es = EsGrokEngine.load(jars, interval, budget);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            EsPatternBank bank = es.patternBank(set.definitions());
            this.patterns = new EsGrok[set.size()];
            for (int i = 0; i < patterns.length; i++) {
                patterns[i] = bank.compile(CompiledSet.grokText(set.patterns.get(i), set.syntax));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.lines = lines;
        this.firstMatch = set.semantics == Semantics.FIRST_MATCH;
        this.last = new Map[patterns.length];
    }

    /** The versions loaded: {@code elasticsearch-grok 8.19.21 on joni 2.1.29}. */
    String version() {
        return "elasticsearch-grok " + es.esGrokVersion() + " on joni " + es.joniVersion();
    }

    @Override
    public int match(int i) {
        String line = lines[i];
        int first = NO_MATCH;
        for (int p = 0; p < patterns.length; p++) {
            last[p] = null;
        }
        try {
            for (int p = 0; p < patterns.length; p++) {
                last[p] = patterns[p].captures(line);
                if (last[p] != null && first < 0) {
                    first = p;
                    if (firstMatch) {
                        return first;
                    }
                }
            }
        } catch (EsGrokTimeoutException e) {
            for (int p = 0; p < patterns.length; p++) {
                last[p] = null;
            }
            return TIMED_OUT;
        }
        return first;
    }

    @Override
    public Map<String, Object> captures() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> m : last) {
            if (m == null) {
                continue;
            }
            // Merged as mailtrace merges several matching patterns: a repeated field becomes a list.
            m.forEach((k, v) -> out.merge(k, v, (a, b) -> {
                java.util.List<Object> l = new java.util.ArrayList<>();
                if (a instanceof List<?> la) {
                    l.addAll(la);
                } else {
                    l.add(a);
                }
                if (b instanceof List<?> lb) {
                    l.addAll(lb);
                } else {
                    l.add(b);
                }
                return l;
            }));
        }
        return out;
    }

    @Override
    public void close() {
        try {
            es.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
