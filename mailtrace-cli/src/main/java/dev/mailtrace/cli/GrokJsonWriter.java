package dev.mailtrace.cli;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.mailtrace.grok.GrokExplanation;
import dev.mailtrace.grok.GrokMatcher;

/**
 * Writes the NDJSON of {@code mailtrace grok}: exactly one object per input line.
 *
 * <pre>
 * {"line":1,"pattern":0,"fields":{"host":"mx1","pid":42}}
 * {"line":2,"pattern":null}
 * {"line":3,"pattern":null,"timeout":true}
 * {"line":4,"pattern":null,"explain":{"pattern":0,"steps":[...],"failed_at":"%{INT:pid}","offset":4,"rest":"abc"}}
 * </pre>
 *
 * <p>{@code "file"} comes first when several inputs are read; {@code "conversion_errors"} and
 * {@code "truncated":true} are added only when they apply. Streams through one jackson
 * generator: nothing is kept per line.
 */
final class GrokJsonWriter implements Flushable {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final JsonGenerator gen;
    private final boolean flushEachLine;

    GrokJsonWriter(OutputStream out, boolean flushEachLine) throws IOException {
        this.gen = JSON.createGenerator(out);
        // NDJSON: we write the newline after each object ourselves, so no separator before it, and
        // the caller's stream (stdout) is not ours to close.
        this.gen.setRootValueSeparator(null);
        this.gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.flushEachLine = flushEachLine;
    }

    /** A line that matched: the first matching pattern's index and the typed captures. */
    void matched(String file, long line, boolean truncated, GrokMatcher m) throws IOException {
        start(file, line);
        gen.writeNumberField("pattern", m.patternIndex());
        gen.writeFieldName("fields");
        gen.writeStartObject();
        for (Map.Entry<String, Object> e : m.toMap().entrySet()) {
            gen.writeFieldName(e.getKey());
            writeValue(e.getValue());
        }
        gen.writeEndObject();
        // Read after toMap(), which is what fills them in.
        List<GrokMatcher.ConversionError> errors = m.conversionErrors();
        if (!errors.isEmpty()) {
            gen.writeArrayFieldStart("conversion_errors");
            for (GrokMatcher.ConversionError ce : errors) {
                gen.writeStartObject();
                gen.writeStringField("field", ce.field().name());
                gen.writeStringField("type", ce.field().type().grokName());
                gen.writeStringField("value", ce.text());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        end(truncated);
    }

    /** A line no pattern matched; {@code explanation} is null unless {@code --explain}. */
    void noMatch(String file, long line, boolean truncated, GrokExplanation explanation) throws IOException {
        start(file, line);
        gen.writeNullField("pattern");
        if (explanation != null) {
            gen.writeFieldName("explain");
            writeExplanation(explanation);
        }
        end(truncated);
    }

    /** A line on which a pattern ran out of match budget. */
    void timedOut(String file, long line, boolean truncated) throws IOException {
        start(file, line);
        gen.writeNullField("pattern");
        gen.writeBooleanField("timeout", true);
        end(truncated);
    }

    private void start(String file, long line) throws IOException {
        gen.writeStartObject();
        if (file != null) {
            gen.writeStringField("file", file);
        }
        gen.writeNumberField("line", line);
    }

    private void end(boolean truncated) throws IOException {
        if (truncated) {
            gen.writeBooleanField("truncated", true);
        }
        gen.writeEndObject();
        gen.writeRaw('\n');
        if (flushEachLine) {
            gen.flush();
        }
    }

    private void writeExplanation(GrokExplanation e) throws IOException {
        gen.writeStartObject();
        gen.writeNumberField("pattern", e.patternIndex());
        if (e.matched()) {
            gen.writeBooleanField("matched", true);
        }
        gen.writeArrayFieldStart("steps");
        for (GrokExplanation.Step s : e.steps()) {
            gen.writeStartObject();
            gen.writeStringField("pattern", s.pattern());
            gen.writeStringField("matched", s.matched());
            gen.writeStringField("failed_at", s.failedAt());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeStringField("failed_at", e.failedAt());
        gen.writeNumberField("offset", e.offset());
        gen.writeStringField("rest", e.rest());
        gen.writeEndObject();
    }

    /** Values as {@link GrokMatcher#toMap()} types them: numbers stay numbers, lists arrays. */
    private void writeValue(Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof Integer i) {
            gen.writeNumber(i);
        } else if (v instanceof Long l) {
            gen.writeNumber(l);
        } else if (v instanceof Float f) {
            gen.writeNumber(f);
        } else if (v instanceof Double d) {
            gen.writeNumber(d);
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof List<?> list) {
            gen.writeStartArray();
            for (Object o : list) {
                writeValue(o);
            }
            gen.writeEndArray();
        } else {
            gen.writeString(v.toString());
        }
    }

    @Override
    public void flush() throws IOException {
        gen.flush();
    }
}
