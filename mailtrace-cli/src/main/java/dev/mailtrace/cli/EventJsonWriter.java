package dev.mailtrace.cli;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.UnknownLine;
import dev.mailtrace.parse.ParsedLine;

/**
 * Writes the NDJSON of {@code mailtrace parse}: one object per event, which is one per input line.
 *
 * <pre>
 * {"file":"mail.log","line":5,"timestamp":"2026-11-24T10:04:02+01:00","host":"mx1","program":"postfix/smtpd",
 *  "pid":2105,"dialect":"postfix","event":"client","queue_id":"4F9D195432C",...}
 * {"file":"mail.log","line":9,...,"dialect":null,"event":"unknown","reason":"unclaimed_program","raw":"..."}
 * </pre>
 *
 * <p>{@code timestamp}, {@code host}, {@code program} and {@code pid} are null when the line has
 * none; {@code invalid_utf8} and {@code truncated} are added, as true, only when they apply.
 */
final class EventJsonWriter implements Flushable {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final JsonGenerator gen;
    private final boolean flushEachLine;
    private final Fields fields = new Fields();

    EventJsonWriter(OutputStream out, boolean flushEachLine) throws IOException {
        this.gen = JSON.createGenerator(out);
        this.gen.setRootValueSeparator(null);
        this.gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.flushEachLine = flushEachLine;
    }

    void write(ParsedLine line, LogEvent event) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("file", line.file());
        gen.writeNumberField("line", line.lineNumber());
        OffsetDateTime ts = line.timestamp();
        if (ts == null) {
            gen.writeNullField("timestamp");
        } else {
            gen.writeStringField("timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ts));
        }
        gen.writeStringField("host", line.host());
        gen.writeStringField("program", line.program());
        if (line.pid() >= 0) {
            gen.writeNumberField("pid", line.pid());
        } else {
            gen.writeNullField("pid");
        }
        String dialect = event.type().dialect();
        if (event instanceof UnknownLine) {
            dialect = line.dialect() == null ? null : line.dialect().name();
        }
        gen.writeStringField("dialect", dialect);
        gen.writeStringField("event", event.type().name());
        try {
            event.writeFields(fields);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (line.invalidUtf8()) {
            gen.writeBooleanField("invalid_utf8", true);
        }
        if (line.truncated()) {
            gen.writeBooleanField("truncated", true);
        }
        gen.writeEndObject();
        gen.writeRaw('\n');
        if (flushEachLine) {
            gen.flush();
        }
    }

    @Override
    public void flush() throws IOException {
        gen.flush();
    }

    /** Event fields straight into the generator. */
    private final class Fields implements FieldWriter {
        @Override
        public void string(String name, String value) {
            if (value != null) {
                try {
                    gen.writeStringField(name, value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void number(String name, long value) {
            try {
                gen.writeNumberField(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void decimal(String name, double value) {
            try {
                gen.writeNumberField(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void bool(String name, boolean value) {
            try {
                gen.writeBooleanField(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
