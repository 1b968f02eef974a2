package dev.mailtrace.bench.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        clear();
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
            clear();
            return TIMED_OUT;
        } catch (NumberFormatException e) {
            // A typed capture that does not convert: Elasticsearch fails the document, so nothing matched.
            clear();
            return NO_MATCH;
        }
        return first;
    }

    private void clear() {
        for (int p = 0; p < patterns.length; p++) {
            last[p] = null;
        }
    }

    @Override
    public Map<String, List<Object>> captures() {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> m : last) {
            if (m == null) {
                continue;
            }
            m.forEach((k, v) -> {
                List<Object> values = out.computeIfAbsent(k, x -> new ArrayList<>());
                if (v instanceof List<?> l) {
                    values.addAll(l);
                } else {
                    values.add(v);
                }
            });
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
