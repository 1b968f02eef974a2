package dev.mailtrace.sendmail;

import java.util.ArrayList;
import java.util.List;

import dev.mailtrace.event.EnhancedStatusCode;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;

/**
 * Field specifications shared by the sendmail event types, and the writing helpers that skip
 * absent values (null strings, negative counts, NaN decimals, false flags).
 */
final class F {

    private F() {
    }

    static final FieldSpec QUEUE_ID = FieldSpec.keyword("queue_id",
            "sendmail queue id (pBFERI8l019936; absent for NOQUEUE and lines without one)");
    static final FieldSpec FROM = FieldSpec.keyword("from", "envelope sender without <>; empty for the null sender <>");
    static final FieldSpec TO = FieldSpec.keyword("to", "envelope recipient without <>");
    static final FieldSpec CODE = FieldSpec.number("code", "SMTP reply code");
    static final FieldSpec DSN = FieldSpec.keyword("dsn", "enhanced status code (RFC 3463)");
    static final FieldSpec DSN_MEANING = FieldSpec.text("dsn_meaning", "what the enhanced status code means");
    static final FieldSpec REASON = FieldSpec.keyword("reason",
            "refusal classified: greylisted, rbl, unknown_user, relay_denied, spf, helo, sender_domain, size, "
                    + "rate_limit, tls_required, policy, other");
    static final FieldSpec REASON_TEXT = FieldSpec.text("reason_text",
            "refusal text without code, DSN and the <address>... subject");
    static final FieldSpec RESPONSE = FieldSpec.text("response", "the reply or status text as logged");
    static final FieldSpec STAGE = FieldSpec.keyword("stage",
            "SMTP stage: CONNECT, HELO, MAIL, RCPT, DATA, END-OF-MESSAGE, STARTTLS, ETRN, VRFY, EXPN, ...");
    static final FieldSpec MESSAGE = FieldSpec.text("message", "the text of the line after its prefixes");
    static final FieldSpec ERROR = FieldSpec.text("error", "what went wrong, as logged");
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
            new FieldSpec(prefix + "_forged", FieldSpec.Kind.BOOLEAN,
                    "true when sendmail marked the " + what + "'s name (may be forged)"),
        };
    }

    /** An event type of the sendmail dialect; {@code parts} are FieldSpecs or arrays of them. */
    static EventType type(String name, String description, Object... parts) {
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
        return new EventType(SendmailDialect.NAME, name, description, fields);
    }

    // --- writing ---

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

    static void peer(FieldWriter out, String prefix, Peer p) {
        if (p != null) {
            p.writeFields(prefix, out);
        }
    }

    static void dsn(FieldWriter out, String dsn) {
        if (dsn != null) {
            out.string("dsn", dsn);
            str(out, "dsn_meaning", EnhancedStatusCode.describe(dsn));
        }
    }
}
