package dev.mailtrace.es;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.mailtrace.io.LogReader;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.TraceAggregator;
import dev.mailtrace.trace.TracePipeline;
import dev.mailtrace.trace.TraceRecord;

/** The records of the project's example log ({@code examples/logs/mail.log}, two postfix servers). */
final class ExampleRecords {

    private ExampleRecords() {
    }

    static Path exampleLog() {
        Path p = Path.of("../examples/logs/mail.log");
        if (!Files.exists(p)) {
            throw new IllegalStateException("example log not found at " + p.toAbsolutePath());
        }
        return p;
    }

    /** Transactions and rejects, or messages and rejects. */
    static List<TraceRecord> of(Path log, boolean messages) throws IOException {
        List<TraceRecord> out = new ArrayList<>();
        TraceAggregator aggregator = TraceAggregator.builder().messages(messages).listener(r -> {
            if (messages ? !(r instanceof dev.mailtrace.trace.Transaction) : !(r instanceof dev.mailtrace.trace.MessageTrace)) {
                out.add(r);
            }
        }).build();
        TracePipeline pipeline = TracePipeline.builder(DialectRegistry.load()).zone(ZoneOffset.UTC).year(2026).build();
        try (LogReader in = LogReader.builder().open(List.of(log))) {
            pipeline.run(in, aggregator);
        }
        aggregator.finish();
        return out;
    }
}
