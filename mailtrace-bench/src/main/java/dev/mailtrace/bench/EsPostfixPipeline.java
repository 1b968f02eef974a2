package dev.mailtrace.bench;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

import org.openjdk.jmh.infra.Blackhole;

import dev.mailtrace.bench.es.EsGrok;
import dev.mailtrace.bench.es.EsGrokEngine;
import dev.mailtrace.bench.es.EsPatternBank;
import dev.mailtrace.grok.PatternBank;

/**
 * The peer every postfix benchmark compares with: Elasticsearch's grok run as Logstash users run
 * postfix-grok-patterns — the syslog header grok ({@link GrokPatternSets#HEADERS}, joined into one
 * regex as the ingest processor joins them), then the pattern {@code 50-filter-postfix.conf}
 * dispatches the program to, {@code Grok.captures(String)} (a typed {@code Map}) for each.
 */
final class EsPostfixPipeline implements Closeable {

    private final EsGrokEngine engine;
    private final EsGrok header;
    private final EsGrok[] branches;
    private final ProgramRouter router;

    private EsPostfixPipeline(EsGrokEngine engine, EsGrok header, EsGrok[] branches, ProgramRouter router) {
        this.engine = engine;
        this.header = header;
        this.branches = branches;
        this.router = router;
    }

    /** Loads Elasticsearch's grok and compiles the header and every dispatched pattern from {@code bank}. */
    static EsPostfixPipeline load(PatternBank bank, PostfixGrokDispatch dispatch) throws IOException {
        EsGrokEngine engine = EsGrokEngine.load();
        EsPatternBank esBank = engine.patternBank(GrokPatternSets.definitions(bank));
        EsGrok header = esBank.compile(GrokPatternSets.esIngestCombined(GrokPatternSets.HEADERS));
        EsGrok[] branches = new EsGrok[dispatch.routes().size()];
        for (PostfixGrokDispatch.Route r : dispatch.routes()) {
            if (r.hasGrok()) {
                branches[r.index()] = esBank.compile(r.grokPattern());
            }
        }
        return new EsPostfixPipeline(engine, header, branches, new ProgramRouter(dispatch));
    }

    /** Groks the first {@code count} lines, every result consumed. */
    void run(String[] lines, int count, Blackhole bh) {
        for (int i = 0; i < count; i++) {
            Map<String, Object> fields = header.captures(lines[i]);
            if (fields == null) {
                bh.consume(i);
                continue;
            }
            bh.consume(fields);
            int branch = router.route((String) fields.get("program"));
            if (branch >= 0 && branches[branch] != null) {
                bh.consume(branches[branch].captures((String) fields.get("message")));
            }
        }
    }

    /** The floor of any line reader: finds the end of each of the first {@code count} lines of {@code bytes}. */
    static void findLineEnds(byte[] bytes, int count, Blackhole bh) {
        int pos = 0;
        for (int i = 0; i < count; i++) {
            int end = pos;
            while (bytes[end] != '\n') {
                end++;
            }
            bh.consume(end - pos);
            pos = end + 1;
        }
    }

    @Override
    public void close() throws IOException {
        engine.close();
    }
}
