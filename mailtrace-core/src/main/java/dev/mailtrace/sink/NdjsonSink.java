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
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

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

    /** The field names, encoded once: writing a name is then a copy of its bytes, not an escaping pass. */
    private static final class Key {
        static final SerializedString ACTIONS = new SerializedString("actions");
        static final SerializedString ATTEMPTS = new SerializedString("attempts");
        static final SerializedString BITS = new SerializedString("bits");
        static final SerializedString BOUNCE_OF = new SerializedString("bounce_of");
        static final SerializedString BOUNCES = new SerializedString("bounces");
        static final SerializedString CIPHER = new SerializedString("cipher");
        static final SerializedString CLIENT = new SerializedString("client");
        static final SerializedString CLOSED_BY = new SerializedString("closed_by");
        static final SerializedString CODE = new SerializedString("code");
        static final SerializedString COMPLETE = new SerializedString("complete");
        static final SerializedString DELAY = new SerializedString("delay");
        static final SerializedString DELAYS = new SerializedString("delays");
        static final SerializedString DELIVERIES = new SerializedString("deliveries");
        static final SerializedString DISPOSITION = new SerializedString("disposition");
        static final SerializedString DSN = new SerializedString("dsn");
        static final SerializedString END = new SerializedString("end");
        static final SerializedString EVENT = new SerializedString("event");
        static final SerializedString FILTER = new SerializedString("filter");
        static final SerializedString FILTERS = new SerializedString("filters");
        static final SerializedString FORWARDED_TO = new SerializedString("forwarded_to");
        static final SerializedString FROM = new SerializedString("from");
        static final SerializedString HELO = new SerializedString("helo");
        static final SerializedString HOPS = new SerializedString("hops");
        static final SerializedString HOST = new SerializedString("host");
        static final SerializedString IP = new SerializedString("ip");
        static final SerializedString MAILBOX = new SerializedString("mailbox");
        static final SerializedString MESSAGE_ID = new SerializedString("message_id");
        static final SerializedString NAME = new SerializedString("name");
        static final SerializedString NEXT = new SerializedString("next");
        static final SerializedString NRCPT = new SerializedString("nrcpt");
        static final SerializedString ORIG_TO = new SerializedString("orig_to");
        static final SerializedString PORT = new SerializedString("port");
        static final SerializedString PREV = new SerializedString("prev");
        static final SerializedString QUEUE_ID = new SerializedString("queue_id");
        static final SerializedString QUEUED_AS = new SerializedString("queued_as");
        static final SerializedString REASON = new SerializedString("reason");
        static final SerializedString REASON_TEXT = new SerializedString("reason_text");
        static final SerializedString RECIPIENTS = new SerializedString("recipients");
        static final SerializedString REJECTS = new SerializedString("rejects");
        static final SerializedString RELAY = new SerializedString("relay");
        static final SerializedString RESPONSE = new SerializedString("response");
        static final SerializedString SASL_METHOD = new SerializedString("sasl_method");
        static final SerializedString SASL_USERNAME = new SerializedString("sasl_username");
        static final SerializedString SCORE = new SerializedString("score");
        static final SerializedString SESSION_ID = new SerializedString("session_id");
        static final SerializedString SIZE = new SerializedString("size");
        static final SerializedString STAGE = new SerializedString("stage");
        static final SerializedString START = new SerializedString("start");
        static final SerializedString STATUS = new SerializedString("status");
        static final SerializedString TIME = new SerializedString("time");
        static final SerializedString TLS = new SerializedString("tls");
        static final SerializedString TO = new SerializedString("to");
        static final SerializedString TYPE = new SerializedString("type");
        static final SerializedString USER = new SerializedString("user");
        static final SerializedString VERDICT = new SerializedString("verdict");
        static final SerializedString VERSION = new SerializedString("version");
        static final SerializedString VIA = new SerializedString("via");
    }

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
                str(Key.TYPE, "reject");
                str(Key.HOST, r.host());
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
        str(Key.TYPE, "transaction");
        str(Key.HOST, t.host());
        str(Key.QUEUE_ID, t.queueId());
        time(Key.START, t.start());
        time(Key.END, t.end());
        client(Key.CLIENT, t.client());
        string(Key.SASL_METHOD, t.saslMethod());
        string(Key.SASL_USERNAME, t.saslUsername());
        if (t.tls() != null) {
            object(Key.TLS);
            string(Key.VERSION, t.tls().version());
            string(Key.CIPHER, t.tls().cipher());
            count(Key.BITS, t.tls().bits());
            gen.writeEndObject();
        }
        string(Key.FROM, t.from());
        count(Key.SIZE, t.size());
        count(Key.NRCPT, t.nrcpt());
        string(Key.MESSAGE_ID, t.messageId());
        array(Key.RECIPIENTS);
        for (Recipient r : t.recipients()) {
            gen.writeStartObject();
            str(Key.TO, r.to());
            string(Key.ORIG_TO, r.origTo());
            str(Key.STATUS, STATUS[r.status().ordinal()]);
            array(Key.ATTEMPTS);
            for (DeliveryAttempt a : r.attempts()) {
                gen.writeStartObject();
                time(Key.TIME, a.time());
                string(Key.RELAY, a.relay());
                if (!Double.isNaN(a.delay())) {
                    num(Key.DELAY, a.delay());
                }
                string(Key.DELAYS, a.delays());
                string(Key.DSN, a.dsn());
                str(Key.STATUS, STATUS[a.status().ordinal()]);
                string(Key.RESPONSE, a.response());
                string(Key.QUEUED_AS, a.queuedAs());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        gen.writeEndArray();
        if (!t.rejects().isEmpty()) {
            array(Key.REJECTS);
            for (Reject r : t.rejects()) {
                gen.writeStartObject();
                rejectFields(r);
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        if (!t.actions().isEmpty()) {
            array(Key.ACTIONS);
            for (Action a : t.actions()) {
                gen.writeStartObject();
                time(Key.TIME, a.time());
                str(Key.EVENT, a.event());
                for (Map.Entry<String, Object> f : a.fields().entrySet()) {
                    value(f.getKey(), f.getValue());
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        if (!t.filters().isEmpty()) {
            array(Key.FILTERS);
            for (FilterResult f : t.filters()) {
                gen.writeStartObject();
                time(Key.TIME, f.time());
                str(Key.FILTER, f.filter());
                str(Key.VERDICT, f.verdict());
                str(Key.DISPOSITION, f.disposition().label());
                if (!Double.isNaN(f.score())) {
                    num(Key.SCORE, f.score());
                }
                if (!Double.isNaN(f.delay())) {
                    num(Key.DELAY, f.delay());
                }
                strings(Key.RECIPIENTS, f.recipients());
                strings(Key.QUEUED_AS, f.queuedAs());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        if (!t.deliveries().isEmpty()) {
            array(Key.DELIVERIES);
            for (MailboxResult d : t.deliveries()) {
                gen.writeStartObject();
                time(Key.TIME, d.time());
                str(Key.HOST, d.host());
                string(Key.TO, d.to());
                string(Key.USER, d.user());
                string(Key.MAILBOX, d.mailbox());
                str(Key.STATUS, STATUS[d.status().ordinal()]);
                string(Key.FORWARDED_TO, d.forwardedTo());
                string(Key.SESSION_ID, d.sessionId());
                string(Key.REASON, d.reason());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        links(Key.NEXT, t.next(), true);
        link(Key.PREV, t.prev());
        link(Key.BOUNCE_OF, t.bounceOf());
        links(Key.BOUNCES, t.bounces(), false);
        bool(Key.COMPLETE, t.complete());
        str(Key.CLOSED_BY, t.closedBy().label());
        gen.writeEndObject();
    }

    private void rejectFields(Reject r) throws IOException {
        time(Key.TIME, r.time());
        string(Key.QUEUE_ID, r.queueId());
        client(Key.CLIENT, r.client());
        string(Key.STAGE, r.stage());
        count(Key.CODE, r.code());
        string(Key.DSN, r.dsn());
        string(Key.FROM, r.from());
        string(Key.TO, r.to());
        string(Key.HELO, r.helo());
        str(Key.REASON, REASON[r.reason().ordinal()]);
        string(Key.REASON_TEXT, r.reasonText());
    }

    private void message(MessageTrace m, boolean top) throws IOException {
        gen.writeStartObject();
        if (top) {
            str(Key.TYPE, "message");
        }
        string(Key.MESSAGE_ID, m.messageId());
        string(Key.FROM, m.from());
        time(Key.START, m.start());
        time(Key.END, m.end());
        array(Key.HOPS);
        for (Hop h : m.hops()) {
            gen.writeStartObject();
            str(Key.HOST, h.host());
            str(Key.QUEUE_ID, h.queueId());
            time(Key.START, h.start());
            if (h.via() != null) {
                str(Key.VIA, h.via().label());
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        array(Key.RECIPIENTS);
        for (RecipientOutcome o : m.recipients()) {
            gen.writeStartObject();
            str(Key.TO, o.to());
            str(Key.STATUS, STATUS[o.status().ordinal()]);
            str(Key.HOST, o.host());
            str(Key.QUEUE_ID, o.queueId());
            time(Key.TIME, o.time());
            string(Key.RELAY, o.relay());
            string(Key.DSN, o.dsn());
            string(Key.RESPONSE, o.response());
            num(Key.ATTEMPTS, o.attempts());
            string(Key.MAILBOX, o.mailbox());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        if (!m.bounces().isEmpty()) {
            array(Key.BOUNCES);
            for (MessageTrace b : m.bounces()) {
                message(b, false);
            }
            gen.writeEndArray();
        }
        bool(Key.COMPLETE, m.complete());
        gen.writeEndObject();
    }

    private void strings(SerializableString name, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        array(name);
        for (String v : values) {
            gen.writeString(v);
        }
        gen.writeEndArray();
    }

    private void links(SerializableString name, List<Link> links, boolean always) throws IOException {
        if (links.isEmpty() && !always) {
            return;
        }
        array(name);
        for (Link l : links) {
            linkObject(l);
        }
        gen.writeEndArray();
    }

    private void link(SerializableString name, Link l) throws IOException {
        if (l != null) {
            gen.writeFieldName(name);
            linkObject(l);
        }
    }

    private void linkObject(Link l) throws IOException {
        gen.writeStartObject();
        string(Key.HOST, l.host());
        str(Key.QUEUE_ID, l.queueId());
        string(Key.RELAY, l.relay());
        str(Key.VIA, l.via().label());
        gen.writeEndObject();
    }

    private void client(SerializableString name, Client c) throws IOException {
        if (c == null) {
            return;
        }
        object(name);
        string(Key.NAME, c.hostname());
        string(Key.IP, c.ip());
        count(Key.PORT, c.port());
        gen.writeEndObject();
    }

    private void time(SerializableString name, Instant t) throws IOException {
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
            str(name, text);
        }
    }

    private static String[] labels(int n, java.util.function.IntFunction<String> label) {
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = label.apply(i);
        }
        return a;
    }

    private void string(SerializableString name, String value) throws IOException {
        if (value != null) {
            str(name, value);
        }
    }

    private void str(SerializableString name, String value) throws IOException {
        gen.writeFieldName(name);
        gen.writeString(value);
    }

    private void num(SerializableString name, long value) throws IOException {
        gen.writeFieldName(name);
        gen.writeNumber(value);
    }

    private void num(SerializableString name, double value) throws IOException {
        gen.writeFieldName(name);
        gen.writeNumber(value);
    }

    private void bool(SerializableString name, boolean value) throws IOException {
        gen.writeFieldName(name);
        gen.writeBoolean(value);
    }

    private void array(SerializableString name) throws IOException {
        gen.writeFieldName(name);
        gen.writeStartArray();
    }

    private void object(SerializableString name) throws IOException {
        gen.writeFieldName(name);
        gen.writeStartObject();
    }

    private void count(SerializableString name, long value) throws IOException {
        if (value >= 0) {
            num(name, value);
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
