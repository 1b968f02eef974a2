package dev.mailtrace.listen;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.mailtrace.parse.LogParser;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.TraceAggregator;

/**
 * Fuzzes what a hostile sender reaches: the syslog header scanner, the dialects and the aggregator,
 * through {@link LogParser#parseLine} as the listener calls it. Any bytes must give events or unknown
 * lines, never an exception. Seeds in {@code src/test/resources/dev/mailtrace/listen/ParseFuzzTestInputs}.
 */
class ParseFuzzTest {

    private static final LogParser PARSER = LogParser.builder(DialectRegistry.load()).build();

    @FuzzTest(maxDuration = "10s")
    void anyMessageParses(FuzzedDataProvider data) {
        boolean invalid = data.consumeBoolean();
        byte[] msg = data.consumeRemainingAsBytes();
        PARSER.parseLine(msg, 0, msg.length, invalid, false, TraceAggregator.builder().messages(true).listener(r -> { }).build());
    }
}
