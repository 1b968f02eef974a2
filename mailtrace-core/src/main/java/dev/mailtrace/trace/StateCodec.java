package dev.mailtrace.trace;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.FilterVerdict;
import dev.mailtrace.event.RejectReason;

/**
 * The saved-state format of {@link TraceAggregator#writeState}: the value types (transactions,
 * attempts, links, ...) as JSON objects whose absent fields are null, and a small pull reader. Every
 * value is written exactly (instants to the nanosecond, longs and doubles as such), because a
 * restored run must emit exactly the records of an uninterrupted one.
 */
final class StateCodec {

    static final String FORMAT = "mailtrace-trace-state";
    static final int VERSION = 1;
    static final JsonFactory JSON = JsonFactory.builder().build();

    private StateCodec() {
    }

    // ---------------------------------------------------------------- writing

    static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.toString());
        }
    }

    static void enumValue(JsonGenerator g, String name, Enum<?> value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.name());
        }
    }

    static void client(JsonGenerator g, String name, Client c) throws IOException {
        if (c == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        string(g, "hostname", c.hostname());
        string(g, "ip", c.ip());
        g.writeNumberField("port", c.port());
        g.writeEndObject();
    }

    static void tls(JsonGenerator g, String name, TlsInfo t) throws IOException {
        if (t == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        string(g, "version", t.version());
        string(g, "cipher", t.cipher());
        g.writeNumberField("bits", t.bits());
        g.writeEndObject();
    }

    static void link(JsonGenerator g, Link l) throws IOException {
        g.writeStartObject();
        string(g, "host", l.host());
        string(g, "queue_id", l.queueId());
        string(g, "relay", l.relay());
        enumValue(g, "via", l.via());
        g.writeEndObject();
    }

    static void link(JsonGenerator g, String name, Link l) throws IOException {
        if (l != null) {
            g.writeFieldName(name);
            link(g, l);
        }
    }

    static void links(JsonGenerator g, String name, List<Link> links) throws IOException {
        if (links == null) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (Link l : links) {
            link(g, l);
        }
        g.writeEndArray();
    }

    static void attempt(JsonGenerator g, DeliveryAttempt a) throws IOException {
        g.writeStartObject();
        instant(g, "time", a.time());
        string(g, "relay", a.relay());
        if (!Double.isNaN(a.delay())) {
            g.writeNumberField("delay", a.delay());
        }
        string(g, "delays", a.delays());
        string(g, "dsn", a.dsn());
        enumValue(g, "status", a.status());
        string(g, "response", a.response());
        string(g, "queued_as", a.queuedAs());
        g.writeEndObject();
    }

    static void attempts(JsonGenerator g, List<DeliveryAttempt> attempts) throws IOException {
        g.writeArrayFieldStart("attempts");
        for (DeliveryAttempt a : attempts) {
            attempt(g, a);
        }
        g.writeEndArray();
    }

    static void reject(JsonGenerator g, Reject r) throws IOException {
        g.writeStartObject();
        instant(g, "time", r.time());
        string(g, "host", r.host());
        string(g, "queue_id", r.queueId());
        client(g, "client", r.client());
        string(g, "stage", r.stage());
        g.writeNumberField("code", r.code());
        string(g, "dsn", r.dsn());
        string(g, "from", r.from());
        string(g, "to", r.to());
        string(g, "helo", r.helo());
        enumValue(g, "reason", r.reason());
        string(g, "reason_text", r.reasonText());
        g.writeEndObject();
    }

    static void rejects(JsonGenerator g, List<Reject> rejects) throws IOException {
        if (rejects == null) {
            return;
        }
        g.writeArrayFieldStart("rejects");
        for (Reject r : rejects) {
            reject(g, r);
        }
        g.writeEndArray();
    }

    /** An action's fields keep their Java types: String, Long, Double (non-finite ones as {@code {"double":"NaN"}}), Boolean. */
    static void actions(JsonGenerator g, List<Action> actions) throws IOException {
        if (actions == null) {
            return;
        }
        g.writeArrayFieldStart("actions");
        for (Action a : actions) {
            g.writeStartObject();
            instant(g, "time", a.time());
            string(g, "event", a.event());
            g.writeObjectFieldStart("fields");
            for (Map.Entry<String, Object> f : a.fields().entrySet()) {
                Object v = f.getValue();
                if (v instanceof Long l) {
                    g.writeNumberField(f.getKey(), l);
                } else if (v instanceof Double d && Double.isFinite(d)) {
                    g.writeNumberField(f.getKey(), d);
                } else if (v instanceof Double d) {
                    g.writeObjectFieldStart(f.getKey());
                    g.writeStringField("double", d.toString());
                    g.writeEndObject();
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(f.getKey(), b);
                } else {
                    g.writeStringField(f.getKey(), String.valueOf(v));
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, double value) throws IOException {
        if (!Double.isNaN(value)) {
            g.writeNumberField(name, value);
        }
    }

    static void filters(JsonGenerator g, List<FilterResult> filters) throws IOException {
        if (filters == null) {
            return;
        }
        g.writeArrayFieldStart("filters");
        for (FilterResult f : filters) {
            g.writeStartObject();
            instant(g, "time", f.time());
            string(g, "filter", f.filter());
            string(g, "verdict", f.verdict());
            enumValue(g, "disposition", f.disposition());
            number(g, "score", f.score());
            number(g, "delay", f.delay());
            strings(g, "recipients", f.recipients());
            strings(g, "queued_as", f.queuedAs());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void deliveries(JsonGenerator g, List<MailboxResult> deliveries) throws IOException {
        if (deliveries == null) {
            return;
        }
        g.writeArrayFieldStart("deliveries");
        for (MailboxResult d : deliveries) {
            delivery(g, d);
        }
        g.writeEndArray();
    }

    static void delivery(JsonGenerator g, MailboxResult d) throws IOException {
        g.writeStartObject();
        instant(g, "time", d.time());
        string(g, "host", d.host());
        string(g, "to", d.to());
        string(g, "user", d.user());
        string(g, "mailbox", d.mailbox());
        enumValue(g, "status", d.status());
        string(g, "forwarded_to", d.forwardedTo());
        string(g, "session_id", d.sessionId());
        string(g, "reason", d.reason());
        g.writeEndObject();
    }

    static void transaction(JsonGenerator g, String name, Transaction t) throws IOException {
        if (t == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        string(g, "host", t.host());
        string(g, "queue_id", t.queueId());
        instant(g, "start", t.start());
        instant(g, "end", t.end());
        client(g, "client", t.client());
        string(g, "sasl_method", t.saslMethod());
        string(g, "sasl_username", t.saslUsername());
        tls(g, "tls", t.tls());
        string(g, "from", t.from());
        g.writeNumberField("size", t.size());
        g.writeNumberField("nrcpt", t.nrcpt());
        string(g, "message_id", t.messageId());
        g.writeArrayFieldStart("recipients");
        for (Recipient r : t.recipients()) {
            g.writeStartObject();
            string(g, "to", r.to());
            string(g, "orig_to", r.origTo());
            enumValue(g, "status", r.status());
            attempts(g, r.attempts());
            g.writeEndObject();
        }
        g.writeEndArray();
        rejects(g, t.rejects());
        actions(g, t.actions());
        links(g, "next", t.next());
        link(g, "prev", t.prev());
        link(g, "bounce_of", t.bounceOf());
        links(g, "bounces", t.bounces());
        g.writeBooleanField("complete", t.complete());
        enumValue(g, "closed_by", t.closedBy());
        filters(g, t.filters());
        deliveries(g, t.deliveries());
        g.writeEndObject();
    }

    // ---------------------------------------------------------------- reading

    /** A pull reader over the state: objects are read field by field, absent fields keep their defaults. */
    static final class Reader {
        private final JsonParser p;

        Reader(JsonParser p) {
            this.p = p;
        }

        TraceStateException error(String what) {
            return new TraceStateException("damaged trace state at " + p.currentLocation().offsetDescription()
                    + ": " + what);
        }

        /** Moves to the next token, which must be {@code expected}. */
        void next(JsonToken expected) throws IOException {
            JsonToken t = p.nextToken();
            if (t != expected) {
                throw error("expected " + expected + ", found [" + t + "]");
            }
        }

        /** The current token must be {@code expected}. */
        void at(JsonToken expected) throws TraceStateException {
            if (p.currentToken() != expected) {
                throw error("expected " + expected + ", found [" + p.currentToken() + "]");
            }
        }

        /** In an object: the next field's name with the parser on its value, or null at the object's end. */
        String field() throws IOException {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_OBJECT) {
                return null;
            }
            if (t != JsonToken.FIELD_NAME) {
                throw error("expected a field, found [" + t + "]");
            }
            String name = p.currentName();
            if (p.nextToken() == null) {
                throw error("the input ends inside field [" + name + "]");
            }
            return name;
        }

        /** In an array: moves to the next element; false at the array's end. */
        boolean item() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw error("the input ends inside an array");
            }
            return t != JsonToken.END_ARRAY;
        }

        /** The current value is an object (true) or null (false). */
        boolean object() throws TraceStateException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return false;
            }
            at(JsonToken.START_OBJECT);
            return true;
        }

        void array() throws TraceStateException {
            at(JsonToken.START_ARRAY);
        }

        void skip() throws IOException {
            p.skipChildren();
        }

        String string() throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t != JsonToken.VALUE_STRING) {
                throw error("expected a string, found [" + t + "]");
            }
            return p.getText();
        }

        long longValue() throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw error("expected an integer, found [" + p.currentToken() + "]");
            }
            return p.getLongValue();
        }

        int intValue() throws IOException {
            long v = longValue();
            if (v != (int) v) {
                throw error("[" + v + "] is out of range");
            }
            return (int) v;
        }

        double doubleValue() throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw error("expected a number, found [" + t + "]");
            }
            return p.getDoubleValue();
        }

        boolean bool() throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                throw error("expected true or false, found [" + t + "]");
            }
            return t == JsonToken.VALUE_TRUE;
        }

        Instant instant() throws IOException {
            String s = string();
            try {
                return s == null ? null : Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw error("[" + s + "] is not an instant");
            }
        }

        <E extends Enum<E>> E enumValue(Class<E> type) throws IOException {
            String s = string();
            try {
                return s == null ? null : Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw error("[" + s + "] is not a " + type.getSimpleName());
            }
        }

        /** A required non-null value. */
        <T> T require(T value, String name) throws TraceStateException {
            if (value == null) {
                throw error("[" + name + "] is missing");
            }
            return value;
        }

        Client client() throws IOException {
            if (!object()) {
                return null;
            }
            String hostname = null;
            String ip = null;
            int port = -1;
            for (String f; (f = field()) != null; ) {
                switch (f) {
                    case "hostname" -> hostname = string();
                    case "ip" -> ip = string();
                    case "port" -> port = intValue();
                    default -> skip();
                }
            }
            return new Client(hostname, ip, port);
        }

        TlsInfo tls() throws IOException {
            if (!object()) {
                return null;
            }
            String version = null;
            String cipher = null;
            int bits = -1;
            for (String f; (f = field()) != null; ) {
                switch (f) {
                    case "version" -> version = string();
                    case "cipher" -> cipher = string();
                    case "bits" -> bits = intValue();
                    default -> skip();
                }
            }
            return new TlsInfo(version, cipher, bits);
        }

        Link link() throws IOException {
            if (!object()) {
                return null;
            }
            String host = null;
            String queueId = null;
            String relay = null;
            Link.Kind via = null;
            for (String f; (f = field()) != null; ) {
                switch (f) {
                    case "host" -> host = string();
                    case "queue_id" -> queueId = string();
                    case "relay" -> relay = string();
                    case "via" -> via = enumValue(Link.Kind.class);
                    default -> skip();
                }
            }
            return new Link(host, require(queueId, "queue_id"), relay, require(via, "via"));
        }

        ArrayList<Link> links() throws IOException {
            array();
            ArrayList<Link> links = new ArrayList<>();
            while (item()) {
                links.add(link());
            }
            return links;
        }

        DeliveryAttempt attempt() throws IOException {
            at(JsonToken.START_OBJECT);
            Instant time = null;
            String relay = null;
            double delay = Double.NaN;
            String delays = null;
            String dsn = null;
            DeliveryStatus status = null;
            String response = null;
            String queuedAs = null;
            for (String f; (f = field()) != null; ) {
                switch (f) {
                    case "time" -> time = instant();
                    case "relay" -> relay = string();
                    case "delay" -> delay = doubleValue();
                    case "delays" -> delays = string();
                    case "dsn" -> dsn = string();
                    case "status" -> status = enumValue(DeliveryStatus.class);
                    case "response" -> response = string();
                    case "queued_as" -> queuedAs = string();
                    default -> skip();
                }
            }
            return new DeliveryAttempt(require(time, "time"), relay, delay, delays, dsn, require(status, "status"),
                    response, queuedAs);
        }

        List<DeliveryAttempt> attempts() throws IOException {
            array();
            List<DeliveryAttempt> attempts = new ArrayList<>();
            while (item()) {
                attempts.add(attempt());
            }
            return attempts;
        }

        Reject reject() throws IOException {
            at(JsonToken.START_OBJECT);
            Instant time = null;
            String host = null;
            String queueId = null;
            Client client = null;
            String stage = null;
            int code = 0;
            String dsn = null;
            String from = null;
            String to = null;
            String helo = null;
            RejectReason reason = null;
            String reasonText = null;
            for (String f; (f = field()) != null; ) {
                switch (f) {
                    case "time" -> time = instant();
                    case "host" -> host = string();
                    case "queue_id" -> queueId = string();
                    case "client" -> client = client();
                    case "stage" -> stage = string();
                    case "code" -> code = intValue();
                    case "dsn" -> dsn = string();
                    case "from" -> from = string();
                    case "to" -> to = string();
                    case "helo" -> helo = string();
                    case "reason" -> reason = enumValue(RejectReason.class);
                    case "reason_text" -> reasonText = string();
                    default -> skip();
                }
            }
            return new Reject(require(time, "time"), host, queueId, client, stage, code, dsn, from, to, helo,
                    require(reason, "reason"), reasonText);
        }

        ArrayList<Reject> rejects() throws IOException {
            array();
            ArrayList<Reject> rejects = new ArrayList<>();
            while (item()) {
                rejects.add(reject());
            }
            return rejects;
        }

        ArrayList<Action> actions() throws IOException {
            array();
            ArrayList<Action> actions = new ArrayList<>();
            while (item()) {
                at(JsonToken.START_OBJECT);
                Instant time = null;
                String event = null;
                LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
                for (String f; (f = field()) != null; ) {
                    switch (f) {
                        case "time" -> time = instant();
                        case "event" -> event = string();
                        case "fields" -> {
                            at(JsonToken.START_OBJECT);
                            for (String name; (name = field()) != null; ) {
                                fields.put(name, fieldValue());
                            }
                        }
                        default -> skip();
                    }
                }
                actions.add(new Action(require(time, "time"), require(event, "event"), fields));
            }
            return actions;
        }

        private List<String> strings() throws IOException {
            array();
            List<String> values = new ArrayList<>();
            while (item()) {
                values.add(require(string(), "string"));
            }
            return values;
        }

        ArrayList<FilterResult> filters() throws IOException {
            array();
            ArrayList<FilterResult> filters = new ArrayList<>();
            while (item()) {
                at(JsonToken.START_OBJECT);
                Instant time = null;
                String filter = null;
                String verdict = null;
                FilterVerdict.Disposition disposition = null;
                double score = Double.NaN;
                double delay = Double.NaN;
                List<String> recipients = List.of();
                List<String> queuedAs = List.of();
                for (String f; (f = field()) != null; ) {
                    switch (f) {
                        case "time" -> time = instant();
                        case "filter" -> filter = string();
                        case "verdict" -> verdict = string();
                        case "disposition" -> disposition = enumValue(FilterVerdict.Disposition.class);
                        case "score" -> score = doubleValue();
                        case "delay" -> delay = doubleValue();
                        case "recipients" -> recipients = strings();
                        case "queued_as" -> queuedAs = strings();
                        default -> skip();
                    }
                }
                filters.add(new FilterResult(require(time, "time"), require(filter, "filter"), require(verdict, "verdict"),
                        require(disposition, "disposition"), score, delay, recipients, queuedAs));
            }
            return filters;
        }

        ArrayList<MailboxResult> deliveries() throws IOException {
            array();
            ArrayList<MailboxResult> deliveries = new ArrayList<>();
            while (item()) {
                deliveries.add(delivery());
            }
            return deliveries;
        }

        MailboxResult delivery() throws IOException {
            at(JsonToken.START_OBJECT);
            Instant time = null;
            String host = null;
            String to = null;
            String user = null;
            String mailbox = null;
            DeliveryStatus status = null;
            String forwardedTo = null;
            String sessionId = null;
            String reason = null;
            for (String f; (f = field()) != null; ) {
                switch (f) {
                    case "time" -> time = instant();
                    case "host" -> host = string();
                    case "to" -> to = string();
                    case "user" -> user = string();
                    case "mailbox" -> mailbox = string();
                    case "status" -> status = enumValue(DeliveryStatus.class);
                    case "forwarded_to" -> forwardedTo = string();
                    case "session_id" -> sessionId = string();
                    case "reason" -> reason = string();
                    default -> skip();
                }
            }
            return new MailboxResult(require(time, "time"), require(host, "host"), to, user, mailbox,
                    require(status, "status"), forwardedTo, sessionId, reason);
        }

        private Object fieldValue() throws IOException {
            return switch (p.currentToken()) {
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_TRUE, VALUE_FALSE -> bool();
                case START_OBJECT -> {
                    Double d = null;
                    for (String f; (f = field()) != null; ) {
                        if (f.equals("double")) {
                            d = Double.valueOf(require(string(), "double"));
                        } else {
                            skip();
                        }
                    }
                    yield require(d, "double");
                }
                default -> require(string(), "field value");
            };
        }

        Transaction transaction() throws IOException {
            at(JsonToken.START_OBJECT);
            String host = null;
            String queueId = null;
            Instant start = null;
            Instant end = null;
            Client client = null;
            String saslMethod = null;
            String saslUsername = null;
            TlsInfo tls = null;
            String from = null;
            long size = -1;
            int nrcpt = -1;
            String messageId = null;
            List<Recipient> recipients = new ArrayList<>();
            List<Reject> rejects = List.of();
            List<Action> actions = List.of();
            List<Link> next = List.of();
            Link prev = null;
            Link bounceOf = null;
            List<Link> bounces = List.of();
            boolean complete = false;
            ClosedBy closedBy = null;
            List<FilterResult> filters = List.of();
            List<MailboxResult> deliveries = List.of();
            for (String f; (f = field()) != null; ) {
                switch (f) {
                    case "host" -> host = string();
                    case "queue_id" -> queueId = string();
                    case "start" -> start = instant();
                    case "end" -> end = instant();
                    case "client" -> client = client();
                    case "sasl_method" -> saslMethod = string();
                    case "sasl_username" -> saslUsername = string();
                    case "tls" -> tls = tls();
                    case "from" -> from = string();
                    case "size" -> size = longValue();
                    case "nrcpt" -> nrcpt = intValue();
                    case "message_id" -> messageId = string();
                    case "recipients" -> {
                        array();
                        while (item()) {
                            recipients.add(recipient());
                        }
                    }
                    case "rejects" -> rejects = rejects();
                    case "actions" -> actions = actions();
                    case "next" -> next = links();
                    case "prev" -> prev = link();
                    case "bounce_of" -> bounceOf = link();
                    case "bounces" -> bounces = links();
                    case "complete" -> complete = bool();
                    case "closed_by" -> closedBy = enumValue(ClosedBy.class);
                    case "filters" -> filters = filters();
                    case "deliveries" -> deliveries = deliveries();
                    default -> skip();
                }
            }
            return new Transaction(require(host, "host"), require(queueId, "queue_id"), require(start, "start"),
                    require(end, "end"), client, saslMethod, saslUsername, tls, from, size, nrcpt, messageId, recipients,
                    rejects, actions, next, prev, bounceOf, bounces, complete, require(closedBy, "closed_by"), filters,
                    deliveries);
        }

        private Recipient recipient() throws IOException {
            at(JsonToken.START_OBJECT);
            String to = null;
            String origTo = null;
            DeliveryStatus status = null;
            List<DeliveryAttempt> attempts = List.of();
            for (String f; (f = field()) != null; ) {
                switch (f) {
                    case "to" -> to = string();
                    case "orig_to" -> origTo = string();
                    case "status" -> status = enumValue(DeliveryStatus.class);
                    case "attempts" -> attempts = attempts();
                    default -> skip();
                }
            }
            try {
                return new Recipient(require(to, "to"), origTo, require(status, "status"), attempts);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
    }
}
