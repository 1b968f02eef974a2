package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.spi.DialectFields;

/**
 * Field specifications shared by the postfix event types and their own writing helpers; the generic ones
 * ({@code CODE}, {@code DSN}, {@code REASON}, {@code MESSAGE}, ..., {@code str}, {@code flag}, {@code dsn}, {@code eventType}) are {@link DialectFields}'.
 */
final class F extends DialectFields {

    private F() {
    }

    static final FieldSpec QUEUE_ID = FieldSpec.keyword("queue_id", "postfix queue id (short hex or long form)");
    static final FieldSpec FROM = FieldSpec.keyword("from", "envelope sender; empty for the null sender <>");
    static final FieldSpec TO = FieldSpec.keyword("to", "envelope recipient");
    static final FieldSpec PROTO = FieldSpec.keyword("proto", "SMTP or ESMTP as the client spoke it");
    static final FieldSpec HELO = FieldSpec.keyword("helo", "HELO/EHLO name the client gave");
    static final FieldSpec SASL_METHOD = FieldSpec.keyword("sasl_method", "SASL mechanism the client authenticated with");
    static final FieldSpec SASL_USERNAME = FieldSpec.keyword("sasl_username", "SASL login name");
    static final FieldSpec SASL_SENDER = FieldSpec.keyword("sasl_sender", "SASL sender (AUTH= parameter)");
    static final FieldSpec REASON_TEXT = FieldSpec.text("reason_text",
            "refusal text without code, DSN and subject; for DNSBL refusals from \"blocked using\" on");
    static final FieldSpec RESPONSE = FieldSpec.text("response", "the reply as logged");
    static final FieldSpec STAGE = FieldSpec.keyword("stage",
            "SMTP stage (CONNECT, HELO, EHLO, MAIL, RCPT, DATA, END-OF-MESSAGE, ...)");
    static final FieldSpec LEVEL = FieldSpec.keyword("level", "log level: warning, fatal, panic or error");
    static final FieldSpec ACTION_TEXT = FieldSpec.text("action_text",
            "the action's argument after the context: redirect address, prepended or replacing text, refusal text");
    static final FieldSpec CHECK = FieldSpec.keyword("check", "what was checked: header, body, content or mime-error");
    static final FieldSpec TEXT = FieldSpec.text("text", "the header or body line that matched (postfix logs up to 200 bytes)");
    static final FieldSpec ORIGIN = FieldSpec.keyword("origin", "where the message came from when not an SMTP client (local)");
    static final FieldSpec QUEUED_AS = FieldSpec.keyword("queued_as",
            "queue id the next hop gave the message (queued as, LMTP Saved, forwarded as, ...)");

    static FieldSpec[] client(String prefix) {
        return new FieldSpec[] {
            FieldSpec.keyword(prefix + "_hostname", "reverse name of the " + prefix + " (unknown when it did not resolve)"),
            FieldSpec.ip(prefix + "_ip", "address of the " + prefix + " (absent when logged as unknown)"),
            FieldSpec.number(prefix + "_port", "TCP port of the " + prefix),
        };
    }

    static FieldSpec[] relay(String prefix) {
        return new FieldSpec[] {
            FieldSpec.keyword(prefix + "_hostname", "name of the " + prefix),
            FieldSpec.ip(prefix + "_ip", "address of the " + prefix),
            FieldSpec.number(prefix + "_port", "TCP port of the " + prefix),
            FieldSpec.keyword(prefix + "_service", "transport or socket instead of an address: local, virtual, none, "
                    + "private/dovecot-lmtp, ..."),
        };
    }

    static FieldSpec[] kv() {
        return new FieldSpec[] {FROM, TO, PROTO, HELO, SASL_METHOD, SASL_USERNAME, SASL_SENDER};
    }

    /** An event type of the postfix dialect; {@code parts} are FieldSpecs or arrays of them. */
    static EventType type(String name, String description, Object... parts) {
        return eventType(PostfixDialect.NAME, name, description, parts);
    }

    // --- writing ---

    /** The envelope of a refusal or action line: {@code from=<> to=<> proto= helo=<>}. */
    static void envelope(FieldWriter out, String sender, String recipient, String proto, String helo) {
        str(out, "from", sender);
        str(out, "to", recipient);
        str(out, "proto", proto);
        str(out, "helo", helo);
    }

    static void client(FieldWriter out, String prefix, Client c) {
        if (c != null) {
            str(out, prefix + "_hostname", c.hostname());
            str(out, prefix + "_ip", c.ip());
            out.count(prefix + "_port", c.port());
        }
    }

    static void relay(FieldWriter out, String prefix, Relay r) {
        if (r != null) {
            r.writeFields(prefix, out);
        }
    }
}
