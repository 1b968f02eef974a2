package dev.mailtrace.es;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.FilterVerdict;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.trace.Action;
import dev.mailtrace.trace.ClosedBy;
import dev.mailtrace.trace.DeliveryAttempt;
import dev.mailtrace.trace.FilterResult;
import dev.mailtrace.trace.Hop;
import dev.mailtrace.trace.Link;
import dev.mailtrace.trace.MailboxResult;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.Recipient;
import dev.mailtrace.trace.RecipientOutcome;
import dev.mailtrace.trace.Reject;
import dev.mailtrace.trace.TlsInfo;
import dev.mailtrace.trace.TraceRecord;
import dev.mailtrace.trace.Transaction;

/**
 * The Elasticsearch document of each record, both ways: {@link #write} for indexing and {@link #read}
 * for searching, so a record read back is equal to the one indexed and {@code mailtrace search}
 * prints exactly what {@code mailtrace trace} prints. Field names follow ECS where ECS has them
 * ({@code @timestamp}, {@code event.start}, {@code event.end}, {@code host.name}, {@code email.local_id},
 * {@code email.message_id}, {@code email.from.address}, {@code email.to.address}, {@code source.ip},
 * {@code source.domain}, {@code source.port}, {@code tls.version}, {@code tls.cipher}, {@code user.name})
 * and are mailtrace's own under {@code mail.*} otherwise; README lists the mapping.
 * Stateless.
 */
final class TraceDocuments {

    /** The field that says which record a document holds: {@code transaction}, {@code reject} or {@code message}. */
    static final String TYPE = "type";

    /** Whole seconds formatted recently, direct-mapped: a document's times, and a run's, share their seconds. */
    private static final Formatted[] SECONDS = new Formatted[1024];

    private record Formatted(long second, String text) {
    }

    private TraceDocuments() {
    }

    /**
     * {@code t.toString()}: ISO 8601 in UTC, as Elasticsearch's {@code date} reads it. The whole
     * seconds come from a small cache, since {@link Instant#toString} costs a microsecond, several
     * times per document; a fraction (milli-, micro- or nanoseconds, as {@code toString} prints it:
     * rsyslog's and RFC 5424's times have one) is appended. Entries are immutable, so threads sharing
     * the cache see whole ones.
     */
    static String instant(Instant t) {
        long second = t.getEpochSecond();
        int slot = (int) (second & (SECONDS.length - 1));
        Formatted f = SECONDS[slot];
        if (f == null || f.second != second) {
            f = new Formatted(second, Instant.ofEpochSecond(second).toString());
            SECONDS[slot] = f;
        }
        int nano = t.getNano();
        if (nano == 0) {
            return f.text;
        }
        int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        int fraction = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
        int dot = f.text.length() - 1; // before the Z
        char[] c = new char[dot + digits + 2];
        f.text.getChars(0, dot, c, 0);
        c[dot] = '.';
        for (int i = dot + digits; i > dot; i--, fraction /= 10) {
            c[i] = (char) ('0' + fraction % 10);
        }
        c[c.length - 1] = 'Z';
        return new String(c);
    }

    /** Writes {@code r} as one JSON object. */
    static void write(TraceRecord r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField(TYPE, r.type());
        g.writeStringField("@timestamp", instant(r.time()));
        if (r instanceof Transaction t) {
            transaction(t, g);
        } else if (r instanceof Reject j) {
            reject(j, g);
        } else if (r instanceof MessageTrace m) {
            message(m, g);
        }
        g.writeEndObject();
    }

    private static void transaction(Transaction t, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("event");
        g.writeStringField("start", instant(t.start()));
        g.writeStringField("end", instant(t.end()));
        g.writeEndObject();
        g.writeObjectFieldStart("host");
        g.writeStringField("name", t.host());
        g.writeEndObject();
        g.writeObjectFieldStart("email");
        g.writeStringField("local_id", t.queueId());
        string(g, "message_id", t.messageId());
        if (t.from() != null) {
            g.writeObjectFieldStart("from");
            g.writeStringField("address", t.from());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("to");
        g.writeArrayFieldStart("address");
        for (Recipient rc : t.recipients()) {
            g.writeString(rc.to());
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        source(g, t.client());
        if (t.tls() != null) {
            g.writeObjectFieldStart("tls");
            string(g, "version", t.tls().version());
            string(g, "cipher", t.tls().cipher());
            g.writeEndObject();
        }
        if (t.saslUsername() != null) {
            g.writeObjectFieldStart("user");
            g.writeStringField("name", t.saslUsername());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("mail");
        string(g, "sasl_method", t.saslMethod());
        if (t.tls() != null && t.tls().bits() >= 0) {
            g.writeNumberField("tls_bits", t.tls().bits());
        }
        count(g, "size", t.size());
        count(g, "nrcpt", t.nrcpt());
        g.writeArrayFieldStart("recipients");
        for (Recipient rc : t.recipients()) {
            g.writeStartObject();
            g.writeStringField("to", rc.to());
            string(g, "orig_to", rc.origTo());
            g.writeStringField("status", rc.status().label());
            g.writeArrayFieldStart("attempts");
            for (DeliveryAttempt a : rc.attempts()) {
                g.writeStartObject();
                g.writeStringField("time", instant(a.time()));
                string(g, "relay", a.relay());
                decimal(g, "delay", a.delay());
                string(g, "delays", a.delays());
                string(g, "dsn", a.dsn());
                g.writeStringField("status", a.status().label());
                string(g, "response", a.response());
                string(g, "queued_as", a.queuedAs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rejects");
        for (Reject j : t.rejects()) {
            g.writeStartObject();
            g.writeStringField("time", instant(j.time()));
            string(g, "host", j.host());
            string(g, "queue_id", j.queueId());
            if (j.client() != null) {
                string(g, "client_name", j.client().hostname());
                string(g, "client_ip", j.client().ip());
                count(g, "client_port", j.client().port());
            }
            rejectFields(j, g);
            string(g, "from", j.from());
            string(g, "to", j.to());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("actions");
        for (Action a : t.actions()) {
            g.writeStartObject();
            g.writeStringField("time", instant(a.time()));
            g.writeStringField("event", a.event());
            g.writeObjectFieldStart("fields");
            for (Map.Entry<String, Object> f : a.fields().entrySet()) {
                value(g, f.getKey(), f.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("filters");
        for (FilterResult f : t.filters()) {
            g.writeStartObject();
            g.writeStringField("time", instant(f.time()));
            g.writeStringField("filter", f.filter());
            g.writeStringField("verdict", f.verdict());
            g.writeStringField("disposition", f.disposition().label());
            decimal(g, "score", f.score());
            decimal(g, "delay", f.delay());
            strings(g, "recipients", f.recipients());
            strings(g, "queued_as", f.queuedAs());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("deliveries");
        for (MailboxResult d : t.deliveries()) {
            g.writeStartObject();
            g.writeStringField("time", instant(d.time()));
            g.writeStringField("host", d.host());
            string(g, "to", d.to());
            string(g, "user", d.user());
            string(g, "mailbox", d.mailbox());
            g.writeStringField("status", d.status().label());
            string(g, "forwarded_to", d.forwardedTo());
            string(g, "session_id", d.sessionId());
            string(g, "reason", d.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("next");
        for (Link l : t.next()) {
            link(g, l);
        }
        g.writeEndArray();
        if (t.prev() != null) {
            g.writeFieldName("prev");
            link(g, t.prev());
        }
        if (t.bounceOf() != null) {
            g.writeFieldName("bounce_of");
            link(g, t.bounceOf());
        }
        g.writeArrayFieldStart("bounces");
        for (Link l : t.bounces()) {
            link(g, l);
        }
        g.writeEndArray();
        g.writeBooleanField("complete", t.complete());
        g.writeStringField("closed_by", t.closedBy().label());
        g.writeEndObject();
    }

    private static void reject(Reject j, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("host");
        string(g, "name", j.host());
        g.writeEndObject();
        g.writeObjectFieldStart("email");
        string(g, "local_id", j.queueId());
        if (j.from() != null) {
            g.writeObjectFieldStart("from");
            g.writeStringField("address", j.from());
            g.writeEndObject();
        }
        if (j.to() != null) {
            g.writeObjectFieldStart("to");
            g.writeStringField("address", j.to());
            g.writeEndObject();
        }
        g.writeEndObject();
        source(g, j.client());
        g.writeObjectFieldStart("mail");
        g.writeObjectFieldStart("reject");
        rejectFields(j, g);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void rejectFields(Reject j, JsonGenerator g) throws IOException {
        string(g, "stage", j.stage());
        count(g, "code", j.code());
        string(g, "dsn", j.dsn());
        string(g, "helo", j.helo());
        g.writeStringField("reason", j.reason().label());
        string(g, "reason_text", j.reasonText());
    }

    private static void message(MessageTrace m, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("event");
        g.writeStringField("start", instant(m.start()));
        g.writeStringField("end", instant(m.end()));
        g.writeEndObject();
        g.writeObjectFieldStart("host");
        g.writeArrayFieldStart("name");
        for (String h : m.hops().stream().map(Hop::host).distinct().toList()) {
            g.writeString(h);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("email");
        string(g, "message_id", m.messageId());
        if (m.from() != null) {
            g.writeObjectFieldStart("from");
            g.writeStringField("address", m.from());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("to");
        g.writeArrayFieldStart("address");
        for (RecipientOutcome o : m.recipients()) {
            g.writeString(o.to());
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("mail");
        messageBody(m, g);
        g.writeEndObject();
    }

    /** The parts of a message below {@code mail}; bounces repeat them whole (stored, not indexed). */
    private static void messageBody(MessageTrace m, JsonGenerator g) throws IOException {
        if (m.messageId() != null) {
            g.writeStringField("message_id", m.messageId());
        }
        string(g, "from", m.from());
        g.writeStringField("start", instant(m.start()));
        g.writeStringField("end", instant(m.end()));
        g.writeArrayFieldStart("hops");
        for (Hop h : m.hops()) {
            g.writeStartObject();
            g.writeStringField("host", h.host());
            g.writeStringField("queue_id", h.queueId());
            g.writeStringField("start", instant(h.start()));
            if (h.via() != null) {
                g.writeStringField("via", h.via().label());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("outcomes");
        for (RecipientOutcome o : m.recipients()) {
            g.writeStartObject();
            g.writeStringField("to", o.to());
            g.writeStringField("status", o.status().label());
            g.writeStringField("host", o.host());
            g.writeStringField("queue_id", o.queueId());
            g.writeStringField("time", instant(o.time()));
            string(g, "relay", o.relay());
            string(g, "dsn", o.dsn());
            string(g, "response", o.response());
            g.writeNumberField("attempts", o.attempts());
            string(g, "mailbox", o.mailbox());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("bounces");
        for (MessageTrace b : m.bounces()) {
            g.writeStartObject();
            messageBody(b, g);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("complete", m.complete());
    }

    private static void source(JsonGenerator g, Client c) throws IOException {
        if (c == null) {
            return;
        }
        g.writeObjectFieldStart("source");
        string(g, "domain", c.hostname());
        string(g, "ip", c.ip());
        count(g, "port", c.port());
        g.writeEndObject();
    }

    private static void link(JsonGenerator g, Link l) throws IOException {
        g.writeStartObject();
        string(g, "host", l.host());
        g.writeStringField("queue_id", l.queueId());
        string(g, "relay", l.relay());
        g.writeStringField("via", l.via().label());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void decimal(JsonGenerator g, String name, double value) throws IOException {
        if (!Double.isNaN(value)) {
            g.writeNumberField(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void count(JsonGenerator g, String name, long value) throws IOException {
        if (value >= 0) {
            g.writeNumberField(name, value);
        }
    }

    private static void value(JsonGenerator g, String name, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeStringField(name, s);
        } else if (v instanceof Long l) {
            g.writeNumberField(name, l);
        } else if (v instanceof Double d) {
            if (!d.isNaN()) {
                g.writeNumberField(name, d);
            }
        } else if (v instanceof Boolean b) {
            g.writeBooleanField(name, b);
        } else if (v != null) {
            g.writeStringField(name, v.toString());
        }
    }

    /**
     * The record a document holds.
     *
     * @throws IllegalArgumentException for a document of an unknown type (not written by mailtrace)
     */
    static TraceRecord read(JsonNode doc) {
        String type = doc.path(TYPE).asText();
        return switch (type) {
            case "transaction" -> readTransaction(doc);
            case "reject" -> readReject(doc);
            case "message" -> readMessage(doc.path("mail"));
            default -> throw new IllegalArgumentException("not a mailtrace document: type [" + type + "]");
        };
    }

    private static Transaction readTransaction(JsonNode d) {
        JsonNode mail = d.path("mail");
        JsonNode tlsNode = d.path("tls");
        TlsInfo tls = tlsNode.isMissingNode() ? null
                : new TlsInfo(text(tlsNode, "version"), text(tlsNode, "cipher"), (int) number(mail, "tls_bits"));
        List<Recipient> recipients = new ArrayList<>();
        for (JsonNode r : mail.path("recipients")) {
            List<DeliveryAttempt> attempts = new ArrayList<>();
            for (JsonNode a : r.path("attempts")) {
                attempts.add(new DeliveryAttempt(time(a, "time"), text(a, "relay"),
                        decimal(a, "delay"), text(a, "delays"), text(a, "dsn"),
                        status(a), text(a, "response"), text(a, "queued_as")));
            }
            recipients.add(new Recipient(text(r, "to"), text(r, "orig_to"), status(r), attempts));
        }
        List<Reject> rejects = new ArrayList<>();
        for (JsonNode j : mail.path("rejects")) {
            Client c = j.has("client_ip") || j.has("client_name")
                    ? new Client(text(j, "client_name"), text(j, "client_ip"), (int) number(j, "client_port")) : null;
            rejects.add(rejectOf(j, time(j, "time"), text(j, "host"), text(j, "queue_id"), c, text(j, "from"), text(j, "to")));
        }
        List<Action> actions = new ArrayList<>();
        for (JsonNode a : mail.path("actions")) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = a.path("fields").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                fields.put(f.getKey(), v.isBoolean() ? (Object) v.booleanValue()
                        : v.isIntegralNumber() ? (Object) v.longValue() : v.isNumber() ? (Object) v.doubleValue() : v.asText());
            }
            actions.add(new Action(time(a, "time"), text(a, "event"), fields));
        }
        List<FilterResult> filters = new ArrayList<>();
        for (JsonNode f : mail.path("filters")) {
            filters.add(new FilterResult(time(f, "time"), text(f, "filter"), text(f, "verdict"),
                    FilterVerdict.Disposition.valueOf(f.path("disposition").asText().toUpperCase(Locale.ROOT)), decimal(f, "score"),
                    decimal(f, "delay"), strings(f.path("recipients")), strings(f.path("queued_as"))));
        }
        List<MailboxResult> deliveries = new ArrayList<>();
        for (JsonNode m : mail.path("deliveries")) {
            deliveries.add(new MailboxResult(time(m, "time"), text(m, "host"), text(m, "to"), text(m, "user"), text(m, "mailbox"),
                    status(m), text(m, "forwarded_to"), text(m, "session_id"), text(m, "reason")));
        }
        JsonNode event = d.path("event");
        return new Transaction(d.path("host").path("name").asText(), d.path("email").path("local_id").asText(),
                time(event, "start"), time(event, "end"), client(d), text(mail, "sasl_method"),
                text(d.path("user"), "name"), tls, text(d.path("email").path("from"), "address"), number(mail, "size"),
                (int) number(mail, "nrcpt"), text(d.path("email"), "message_id"), recipients, rejects, actions,
                links(mail.path("next")), link(mail.path("prev")), link(mail.path("bounce_of")), links(mail.path("bounces")),
                mail.path("complete").asBoolean(), ClosedBy.valueOf(mail.path("closed_by").asText().toUpperCase(Locale.ROOT)),
                filters, deliveries);
    }

    private static Reject readReject(JsonNode d) {
        JsonNode email = d.path("email");
        return rejectOf(d.path("mail").path("reject"), time(d, "@timestamp"), text(d.path("host"), "name"),
                text(email, "local_id"), client(d), text(email.path("from"), "address"), text(email.path("to"), "address"));
    }

    private static Reject rejectOf(JsonNode r, Instant time, String host, String queueId, Client client, String from, String to) {
        return new Reject(time, host, queueId, client, text(r, "stage"), (int) number(r, "code"), text(r, "dsn"), from, to,
                text(r, "helo"), RejectReason.valueOf(r.path("reason").asText("other").toUpperCase(Locale.ROOT)),
                text(r, "reason_text"));
    }

    private static MessageTrace readMessage(JsonNode m) {
        List<Hop> hops = new ArrayList<>();
        for (JsonNode h : m.path("hops")) {
            String via = text(h, "via");
            hops.add(new Hop(text(h, "host"), text(h, "queue_id"), time(h, "start"),
                    via == null ? null : Link.Kind.valueOf(via.toUpperCase(Locale.ROOT))));
        }
        List<RecipientOutcome> outcomes = new ArrayList<>();
        for (JsonNode o : m.path("outcomes")) {
            outcomes.add(new RecipientOutcome(text(o, "to"), status(o), text(o, "host"), text(o, "queue_id"), time(o, "time"),
                    text(o, "relay"), text(o, "dsn"), text(o, "response"), o.path("attempts").asInt(), text(o, "mailbox")));
        }
        List<MessageTrace> bounces = new ArrayList<>();
        for (JsonNode b : m.path("bounces")) {
            bounces.add(readMessage(b));
        }
        return new MessageTrace(text(m, "message_id"), text(m, "from"), time(m, "start"), time(m, "end"), hops, outcomes,
                bounces, m.path("complete").asBoolean());
    }

    private static Client client(JsonNode d) {
        JsonNode s = d.path("source");
        return s.isMissingNode() ? null : new Client(text(s, "domain"), text(s, "ip"), (int) number(s, "port"));
    }

    private static List<Link> links(JsonNode array) {
        List<Link> links = new ArrayList<>();
        for (JsonNode l : array) {
            links.add(link(l));
        }
        return links;
    }

    private static Link link(JsonNode l) {
        if (l.isMissingNode() || l.isNull()) {
            return null;
        }
        return new Link(text(l, "host"), text(l, "queue_id"), text(l, "relay"),
                Link.Kind.valueOf(l.path("via").asText().toUpperCase(Locale.ROOT)));
    }

    private static DeliveryStatus status(JsonNode n) {
        return DeliveryStatus.valueOf(n.path("status").asText("other").toUpperCase(Locale.ROOT));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.doubleValue();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) {
            out.add(v.asText());
        }
        return out;
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? -1 : v.longValue();
    }

    private static Instant time(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : Instant.parse(t);
    }
}
