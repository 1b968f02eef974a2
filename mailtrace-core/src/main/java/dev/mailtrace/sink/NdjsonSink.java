package dev.mailtrace.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.trace.Action;
import dev.mailtrace.trace.DeliveryAttempt;
import dev.mailtrace.trace.FilterResult;
import dev.mailtrace.trace.Hop;
import dev.mailtrace.trace.Link;
import dev.mailtrace.trace.MailboxResult;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.Recipient;
import dev.mailtrace.trace.RecipientOutcome;
import dev.mailtrace.trace.Reject;
import dev.mailtrace.trace.TraceRecord;
import dev.mailtrace.trace.Transaction;

/**
 * Writes records as NDJSON: one JSON object per line, with jackson-core's streaming generator.
 * The field names are a public contract (snake_case, stable); absent values (null, -1, NaN) are
 * left out, as are empty {@code rejects}, {@code actions} and {@code bounces}; {@code recipients}
 * and {@code next} are always written. Times are ISO-8601 with the offset of the configured zone
 * (default UTC).
 *
 * <pre>
 * {"type":"transaction","host":"mx1","queue_id":"4F9D195432C","start":"2026-11-24T10:04:02+01:00","end":"...",
 *  "client":{"name":"mail.example.org","ip":"198.51.100.23","port":52114},"sasl_method":..,"sasl_username":..,
 *  "tls":{"version":"TLSv1.3","cipher":"...","bits":256},"from":"alice@example.org","size":4127,"nrcpt":2,
 *  "message_id":"...","recipients":[{"to":"bob@corp.example.net","orig_to":..,"status":"sent",
 *    "attempts":[{"time":..,"relay":..,"delay":1.1,"delays":"0.32/0.01/0.02/0.75","dsn":"2.0.0","status":"sent",
 *                 "response":"250 2.0.0 ...","queued_as":"7A3C31A0F21"}]}],
 *  "rejects":[{...as a reject, without type and host}],"actions":[{"time":..,"event":"postfix/milter",...fields}],
 *  "filters":[{"time":..,"filter":"amavis","verdict":"spam","disposition":"passed","score":7.5,"delay":..,
 *    "recipients":[..],"queued_as":["7A3C31A0F21"]}],
 *  "deliveries":[{"time":..,"host":"mbox1","to":"bob@corp.example.net","user":"bob","mailbox":"INBOX","status":"sent",
 *    "forwarded_to":..,"session_id":"Bp6VKJkD2l+LBQAAh/fGkg","reason":..}],
 *  "next":[{"host":"mx1","queue_id":"7A3C31A0F21","relay":"127.0.0.1[127.0.0.1]:10024","via":"reinjection"}],
 *  "prev":{...},"bounce_of":{...},"bounces":[{...}],"complete":true,"closed_by":"removed"}
 * {"type":"reject","host":"mx1","time":..,"queue_id":..,"client":{...},"stage":"RCPT","code":450,"dsn":"4.7.1",
 *  "from":..,"to":..,"helo":..,"reason":"greylisted","reason_text":"..."}
 * {"type":"message","message_id":..,"from":..,"start":..,"end":..,
 *  "hops":[{"host":"mx1","queue_id":"4F9D195432C","start":..},{"host":"mx1","queue_id":"7A3C31A0F21","start":..,"via":"reinjection"}],
 *  "recipients":[{"to":..,"status":"sent","host":"mbox1","queue_id":..,"time":..,"relay":..,"dsn":..,"response":..,"attempts":1,
 *    "mailbox":"INBOX"}],
 *  "bounces":[{...a message, without type}],"complete":true}
 * </pre>
 *
 * <p>Not thread-safe (see {@link Sink}). Write failures end in {@link SinkException}; a closed pipe
 * downstream ({@code | head}) too, with the {@link IOException} as cause.
 */
public final class NdjsonSink implements Sink {

    /** {@code ndjson}. */
    public static final String NAME = "ndjson";

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String[] STATUS = labels(DeliveryStatus.values().length, i -> DeliveryStatus.values()[i].label());
    private static final String[] REASON = labels(RejectReason.values().length, i -> RejectReason.values()[i].label());

    private final JsonGenerator gen;
    private final DateTimeFormatter times;
    private final boolean flushEachRecord;
    private final boolean closeTarget;
    private final OutputStream target;
    private boolean closed;
    /** Whole seconds formatted recently, direct-mapped: records of a stream share their seconds. */
    private final long[] cachedSeconds = new long[256];
    private final String[] cachedTexts = new String[256];

    private NdjsonSink(Builder b) {
        try {
            this.gen = JSON.createGenerator(b.out);
        } catch (IOException e) {
            throw new SinkException(NAME, "cannot open output: " + e.getMessage(), e);
        }
        gen.setRootValueSeparator(null);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(b.zone);
        this.flushEachRecord = b.flushEachRecord;
        this.closeTarget = b.closeTarget;
        this.target = b.out;
    }

    /** A sink writing to {@code out}. */
    public static Builder builder(OutputStream out) {
        return new Builder(out);
    }

    @Override
    public void accept(TraceRecord record) {
        Objects.requireNonNull(record, "record");
        if (closed) {
            throw new SinkException(NAME, "closed", null);
        }
        try {
            if (record instanceof Transaction t) {
                transaction(t);
            } else if (record instanceof Reject r) {
                gen.writeStartObject();
                gen.writeStringField("type", "reject");
                gen.writeStringField("host", r.host());
                rejectFields(r);
                gen.writeEndObject();
            } else if (record instanceof MessageTrace m) {
                message(m, true);
            }
            gen.writeRaw('\n');
            if (flushEachRecord) {
                gen.flush();
            }
        } catch (IOException e) {
            throw new SinkException(NAME, "cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        try {
            gen.flush();
        } catch (IOException e) {
            throw new SinkException(NAME, "cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            gen.close();
            if (closeTarget) {
                target.close();
            } else {
                target.flush();
            }
        } catch (IOException e) {
            throw new SinkException(NAME, "cannot write: " + e.getMessage(), e);
        }
    }

    private void transaction(Transaction t) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("type", "transaction");
        gen.writeStringField("host", t.host());
        gen.writeStringField("queue_id", t.queueId());
        time("start", t.start());
        time("end", t.end());
        client("client", t.client());
        string("sasl_method", t.saslMethod());
        string("sasl_username", t.saslUsername());
        if (t.tls() != null) {
            gen.writeObjectFieldStart("tls");
            string("version", t.tls().version());
            string("cipher", t.tls().cipher());
            count("bits", t.tls().bits());
            gen.writeEndObject();
        }
        string("from", t.from());
        count("size", t.size());
        count("nrcpt", t.nrcpt());
        string("message_id", t.messageId());
        gen.writeArrayFieldStart("recipients");
        for (Recipient r : t.recipients()) {
            gen.writeStartObject();
            gen.writeStringField("to", r.to());
            string("orig_to", r.origTo());
            gen.writeStringField("status", STATUS[r.status().ordinal()]);
            gen.writeArrayFieldStart("attempts");
            for (DeliveryAttempt a : r.attempts()) {
                gen.writeStartObject();
                time("time", a.time());
                string("relay", a.relay());
                if (!Double.isNaN(a.delay())) {
                    gen.writeNumberField("delay", a.delay());
                }
                string("delays", a.delays());
                string("dsn", a.dsn());
                gen.writeStringField("status", STATUS[a.status().ordinal()]);
                string("response", a.response());
                string("queued_as", a.queuedAs());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        gen.writeEndArray();
        if (!t.rejects().isEmpty()) {
            gen.writeArrayFieldStart("rejects");
            for (Reject r : t.rejects()) {
                gen.writeStartObject();
                rejectFields(r);
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        if (!t.actions().isEmpty()) {
            gen.writeArrayFieldStart("actions");
            for (Action a : t.actions()) {
                gen.writeStartObject();
                time("time", a.time());
                gen.writeStringField("event", a.event());
                for (Map.Entry<String, Object> f : a.fields().entrySet()) {
                    value(f.getKey(), f.getValue());
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        if (!t.filters().isEmpty()) {
            gen.writeArrayFieldStart("filters");
            for (FilterResult f : t.filters()) {
                gen.writeStartObject();
                time("time", f.time());
                gen.writeStringField("filter", f.filter());
                gen.writeStringField("verdict", f.verdict());
                gen.writeStringField("disposition", f.disposition().label());
                if (!Double.isNaN(f.score())) {
                    gen.writeNumberField("score", f.score());
                }
                if (!Double.isNaN(f.delay())) {
                    gen.writeNumberField("delay", f.delay());
                }
                strings("recipients", f.recipients());
                strings("queued_as", f.queuedAs());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        if (!t.deliveries().isEmpty()) {
            gen.writeArrayFieldStart("deliveries");
            for (MailboxResult d : t.deliveries()) {
                gen.writeStartObject();
                time("time", d.time());
                gen.writeStringField("host", d.host());
                string("to", d.to());
                string("user", d.user());
                string("mailbox", d.mailbox());
                gen.writeStringField("status", STATUS[d.status().ordinal()]);
                string("forwarded_to", d.forwardedTo());
                string("session_id", d.sessionId());
                string("reason", d.reason());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        links("next", t.next(), true);
        link("prev", t.prev());
        link("bounce_of", t.bounceOf());
        links("bounces", t.bounces(), false);
        gen.writeBooleanField("complete", t.complete());
        gen.writeStringField("closed_by", t.closedBy().label());
        gen.writeEndObject();
    }

    private void rejectFields(Reject r) throws IOException {
        time("time", r.time());
        string("queue_id", r.queueId());
        client("client", r.client());
        string("stage", r.stage());
        count("code", r.code());
        string("dsn", r.dsn());
        string("from", r.from());
        string("to", r.to());
        string("helo", r.helo());
        gen.writeStringField("reason", REASON[r.reason().ordinal()]);
        string("reason_text", r.reasonText());
    }

    private void message(MessageTrace m, boolean top) throws IOException {
        gen.writeStartObject();
        if (top) {
            gen.writeStringField("type", "message");
        }
        string("message_id", m.messageId());
        string("from", m.from());
        time("start", m.start());
        time("end", m.end());
        gen.writeArrayFieldStart("hops");
        for (Hop h : m.hops()) {
            gen.writeStartObject();
            gen.writeStringField("host", h.host());
            gen.writeStringField("queue_id", h.queueId());
            time("start", h.start());
            if (h.via() != null) {
                gen.writeStringField("via", h.via().label());
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("recipients");
        for (RecipientOutcome o : m.recipients()) {
            gen.writeStartObject();
            gen.writeStringField("to", o.to());
            gen.writeStringField("status", STATUS[o.status().ordinal()]);
            gen.writeStringField("host", o.host());
            gen.writeStringField("queue_id", o.queueId());
            time("time", o.time());
            string("relay", o.relay());
            string("dsn", o.dsn());
            string("response", o.response());
            gen.writeNumberField("attempts", o.attempts());
            string("mailbox", o.mailbox());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        if (!m.bounces().isEmpty()) {
            gen.writeArrayFieldStart("bounces");
            for (MessageTrace b : m.bounces()) {
                message(b, false);
            }
            gen.writeEndArray();
        }
        gen.writeBooleanField("complete", m.complete());
        gen.writeEndObject();
    }

    private void strings(String name, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        gen.writeArrayFieldStart(name);
        for (String v : values) {
            gen.writeString(v);
        }
        gen.writeEndArray();
    }

    private void links(String name, List<Link> links, boolean always) throws IOException {
        if (links.isEmpty() && !always) {
            return;
        }
        gen.writeArrayFieldStart(name);
        for (Link l : links) {
            linkObject(l);
        }
        gen.writeEndArray();
    }

    private void link(String name, Link l) throws IOException {
        if (l != null) {
            gen.writeFieldName(name);
            linkObject(l);
        }
    }

    private void linkObject(Link l) throws IOException {
        gen.writeStartObject();
        string("host", l.host());
        gen.writeStringField("queue_id", l.queueId());
        string("relay", l.relay());
        gen.writeStringField("via", l.via().label());
        gen.writeEndObject();
    }

    private void client(String name, Client c) throws IOException {
        if (c == null) {
            return;
        }
        gen.writeObjectFieldStart(name);
        string("name", c.hostname());
        string("ip", c.ip());
        count("port", c.port());
        gen.writeEndObject();
    }

    private void time(String name, Instant t) throws IOException {
        if (t != null) {
            String text;
            if (t.getNano() != 0) {
                text = times.format(t);
            } else {
                long sec = t.getEpochSecond();
                int slot = (int) (sec & 255);
                text = cachedTexts[slot];
                if (text == null || cachedSeconds[slot] != sec) {
                    text = times.format(t);
                    cachedSeconds[slot] = sec;
                    cachedTexts[slot] = text;
                }
            }
            gen.writeStringField(name, text);
        }
    }

    private static String[] labels(int n, java.util.function.IntFunction<String> label) {
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = label.apply(i);
        }
        return a;
    }

    private void string(String name, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(name, value);
        }
    }

    private void count(String name, long value) throws IOException {
        if (value >= 0) {
            gen.writeNumberField(name, value);
        }
    }

    private void value(String name, Object v) throws IOException {
        if (v instanceof String s) {
            gen.writeStringField(name, s);
        } else if (v instanceof Long l) {
            gen.writeNumberField(name, l);
        } else if (v instanceof Double d) {
            if (!d.isNaN()) {
                gen.writeNumberField(name, d);
            }
        } else if (v instanceof Boolean b) {
            gen.writeBooleanField(name, b);
        } else if (v != null) {
            gen.writeStringField(name, v.toString());
        }
    }

    /** Configures an {@link NdjsonSink}. */
    public static final class Builder {
        private final OutputStream out;
        private ZoneId zone = ZoneOffset.UTC;
        private boolean flushEachRecord;
        private boolean closeTarget;

        private Builder(OutputStream out) {
            this.out = Objects.requireNonNull(out, "out");
        }

        /** The zone whose offset times are written in. Default: UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Flush after every record (for live tailing). Default: false (flushed on {@link Sink#flush()} and close). */
        public Builder flushEachRecord(boolean flush) {
            this.flushEachRecord = flush;
            return this;
        }

        /** Close the stream when the sink is closed. Default: false (only flushed). */
        public Builder closeTarget(boolean close) {
            this.closeTarget = close;
            return this;
        }

        /** The sink. */
        public NdjsonSink build() {
            return new NdjsonSink(this);
        }
    }
}
