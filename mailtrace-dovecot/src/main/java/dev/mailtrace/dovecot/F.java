package dev.mailtrace.dovecot;

import java.util.List;

import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.spi.DialectFields;

/**
 * Field specifications shared by the event types of this module's dialects and their own writing helpers; the generic ones
 * ({@code CODE}, {@code DSN}, {@code REASON}, {@code MESSAGE}, ..., {@code str}, {@code flag}, {@code dsn}, {@code eventType}) are {@link DialectFields}'.
 */
final class F extends DialectFields {

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
    static final FieldSpec CLIENT_HOSTNAME = FieldSpec.keyword("client_hostname", "reverse name of the SMTP client");
    static final FieldSpec CLIENT_IP = FieldSpec.ip("client_ip", "address of the client");
    static final FieldSpec CLIENT_PORT = FieldSpec.number("client_port", "TCP port of the client");

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
