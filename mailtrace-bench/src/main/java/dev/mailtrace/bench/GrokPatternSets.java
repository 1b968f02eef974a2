package dev.mailtrace.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternCompileException;
import dev.mailtrace.grok.PatternDefinition;

/**
 * The pattern sets both engines are compared and measured with, built by our loader once and handed
 * to Elasticsearch as the very same definitions ({@link #definitions(PatternBank)}), so that the
 * engines are compared, not two pattern-file readers.
 */
public final class GrokPatternSets {

    /** The syslog header as Logstash users grok it first. */
    public static final String SYSLOG_HEADER = "%{SYSLOGBASE} %{GREEDYDATA:message}";

    /** The alternative header for senders that write an ISO 8601 timestamp. */
    public static final String ISO8601_HEADER =
            "%{TIMESTAMP_ISO8601:timestamp} %{SYSLOGHOST:logsource} %{SYSLOGPROG}: %{GREEDYDATA:message}";

    /** Both headers, in the order they are tried. */
    public static final List<String> HEADERS = List.of(SYSLOG_HEADER, ISO8601_HEADER);

    private GrokPatternSets() {
    }

    /**
     * logstash-patterns-core's {@code legacy} directory with postfix-grok-patterns'
     * {@code postfix.grok} on top: what a Logstash user of postfix-grok-patterns loads.
     */
    public static PatternBank legacyWithPostfix(SharedData shared) throws IOException, PatternCompileException {
        return PatternBank.builder()
                .addDirectory(shared.legacyPatterns())
                .addFile(shared.postfixPatterns())
                .build();
    }

    /** logstash-patterns-core's {@code ecs-v1} directory: ECS field names, typed captures. */
    public static PatternBank ecsV1(SharedData shared) throws IOException, PatternCompileException {
        return PatternBank.builder().addDirectory(shared.ecsV1Patterns()).build();
    }

    /** Name to definition, in bank order: the input Elasticsearch's {@code PatternBank} takes. */
    public static Map<String, String> definitions(PatternBank bank) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : bank.names()) {
            PatternDefinition d = bank.get(name);
            map.put(name, d.regex());
        }
        return map;
    }

    /**
     * How Elasticsearch's ingest grok processor runs several patterns: one regex,
     * {@code (?:p1)|(?:p2)|...} ({@code GrokProcessor.combinePatterns} without trace_match).
     */
    public static String esIngestCombined(List<String> patterns) {
        if (patterns.size() == 1) {
            return patterns.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (String p : patterns) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("(?:").append(p).append(')');
        }
        return sb.toString();
    }
}
