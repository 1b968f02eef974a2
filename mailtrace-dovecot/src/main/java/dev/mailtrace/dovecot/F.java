package dev.mailtrace.dovecot;

import java.util.ArrayList;
import java.util.List;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;

/**
 * Field specifications shared by the event types of this module's dialects, and the writing
 * helpers that skip absent values (null strings, negative counts, NaN decimals, false flags).
 */
final class F {

    private F() {
    }

    static final FieldSpec QUEUE_ID = FieldSpec.keyword("queue_id", "the MTA's queue id the line names");
    static final FieldSpec FROM = FieldSpec.keyword("from", "envelope sender; empty for the null sender <>");
    static final FieldSpec TO = FieldSpec.keyword("to", "envelope recipients, comma-separated as logged");
    static final FieldSpec RCPT_COUNT = FieldSpec.number("rcpt_count", "number of recipients listed");
    static final FieldSpec MESSAGE_ID = FieldSpec.keyword("message_id", "Message-ID header without angle brackets");
    static final FieldSpec VERDICT = FieldSpec.keyword("verdict", "the filter's verdict as a lower-case keyword");
    static final FieldSpec DISPOSITION = FieldSpec.keyword("disposition",
            "what the verdict means for the message: passed, blocked or delayed");
    static final FieldSpec SCORE = FieldSpec.decimal("score", "spam score");
    static final FieldSpec QUEUED_AS = FieldSpec.keyword("queued_as",
            "queue id(s) the message got when the filter re-injected it into the MTA on the same host (/-separated)");
    static final FieldSpec LEVEL = FieldSpec.keyword("level", "log level when logged: info, warning, error, fatal, panic, debug");
    static final FieldSpec MESSAGE = FieldSpec.text("message", "the text of the line after its prefixes");
    static final FieldSpec CLIENT_HOSTNAME = FieldSpec.keyword("client_hostname", "reverse name of the SMTP client");
    static final FieldSpec CLIENT_IP = FieldSpec.ip("client_ip", "address of the client");
    static final FieldSpec CLIENT_PORT = FieldSpec.number("client_port", "TCP port of the client");

    /** A boolean field. */
    static FieldSpec bool(String name, String description) {
        return new FieldSpec(name, FieldSpec.Kind.BOOLEAN, description);
    }

    /** An event type of the named dialect; {@code parts} are FieldSpecs or arrays of them. */
    static EventType type(String dialect, String name, String description, Object... parts) {
        List<FieldSpec> fields = new ArrayList<>();
        for (Object o : parts) {
            if (o instanceof FieldSpec) {
                fields.add((FieldSpec) o);
            } else {
                for (FieldSpec f : (FieldSpec[]) o) {
                    fields.add(f);
                }
            }
        }
        return new EventType(dialect, name, description, fields);
    }

    static void str(FieldWriter out, String name, String value) {
        if (value != null) {
            out.string(name, value);
        }
    }

    static void num(FieldWriter out, String name, long value) {
        out.count(name, value);
    }

    static void dec(FieldWriter out, String name, double value) {
        out.optionalDecimal(name, value);
    }

    static void flag(FieldWriter out, String name, boolean value) {
        if (value) {
            out.bool(name, true);
        }
    }

    /** A list as one comma-separated field (the way the filters log recipient lists), and its size. */
    static void list(FieldWriter out, String name, List<String> values, String countName) {
        if (!values.isEmpty()) {
            out.string(name, values.size() == 1 ? values.get(0) : String.join(",", values));
            if (countName != null) {
                out.number(countName, values.size());
            }
        }
    }
}
