package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.spi.DialectFields;

/**
 * Field specifications shared by the sendmail event types and their own writing helpers; the generic ones
 * ({@code CODE}, {@code DSN}, {@code REASON}, {@code MESSAGE}, ..., {@code str}, {@code flag}, {@code dsn}, {@code eventType}) are {@link DialectFields}'.
 */
final class F extends DialectFields {

    private F() {
    }

    static final FieldSpec QUEUE_ID = FieldSpec.keyword("queue_id",
            "sendmail queue id (pBFERI8l019936; absent for NOQUEUE and lines without one)");
    static final FieldSpec FROM = FieldSpec.keyword("from", "envelope sender without <>; empty for the null sender <>");
    static final FieldSpec TO = FieldSpec.keyword("to", "envelope recipient without <>");
    static final FieldSpec REASON_TEXT = FieldSpec.text("reason_text",
            "refusal text without code, DSN and the <address>... subject");
    static final FieldSpec RESPONSE = FieldSpec.text("response", "the reply or status text as logged");
    static final FieldSpec STAGE = FieldSpec.keyword("stage",
            "SMTP stage: CONNECT, HELO, MAIL, RCPT, DATA, END-OF-MESSAGE, STARTTLS, ETRN, VRFY, EXPN, ...");
    static final FieldSpec DAEMON = FieldSpec.keyword("daemon", "the daemon name from DaemonPortOptions (MTA, MSA, MTA-v4, ...)");
    static final FieldSpec SASL_METHOD = FieldSpec.keyword("sasl_method", "SASL mechanism (mech=)");
    static final FieldSpec SASL_USERNAME = FieldSpec.keyword("sasl_username", "SASL login name (authid=, user=)");
    static final FieldSpec DETAIL = FieldSpec.text("detail", "the rest of the line");

    /** The fields of a {@link Peer} written with {@code prefix}. */
    static FieldSpec[] peer(String prefix, String what) {
        return new FieldSpec[] {
            FieldSpec.keyword(prefix + "_user", "ident user of the " + what + " (user@host in relay=), when logged"),
            FieldSpec.keyword(prefix + "_hostname", "name of the " + what + " as logged, without a trailing dot"),
            FieldSpec.ip(prefix + "_ip", "address of the " + what + " (without sendmail's IPv6: prefix)"),
            FieldSpec.bool(prefix + "_forged", "true when sendmail marked the " + what + "'s name (may be forged)"),
        };
    }

    /** An event type of the sendmail dialect; {@code parts} are FieldSpecs or arrays of them. */
    static EventType type(String name, String description, Object... parts) {
        return eventType(SendmailDialect.NAME, name, description, parts);
    }

    // --- writing ---

    static void peer(FieldWriter out, String prefix, Peer p) {
        if (p != null) {
            p.writeFields(prefix, out);
        }
    }
}
