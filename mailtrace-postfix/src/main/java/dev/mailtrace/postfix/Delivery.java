package dev.mailtrace.postfix;

import java.util.Locale;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RecipientAttempt;

/**
 * One delivery attempt for one recipient, as smtp, lmtp, local, virtual, pipe, error, discard and
 * qmgr log it: {@code 4F9D195432C: to=<bob@example.net>, orig_to=<b@example.net>,
 * relay=mx.example.net[192.0.2.1]:25, conn_use=2, delay=0.51, delays=0.44/0.01/0.05/0.01,
 * tls=may, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 3mPVKl3YVXz2pS5Z)}.
 *
 * @param queueId the queue id
 * @param recipient the recipient ({@code to=})
 * @param originalRecipient the recipient before aliasing ({@code orig_to=}), or null
 * @param nextHop where it went ({@code relay=}), or null
 * @param connUse how many times the connection was used, or -1 ({@code conn_use=}, cached connections)
 * @param delay total delay in seconds, or NaN
 * @param delayBeforeQmgr seconds before the queue manager ({@code delays=a/b/c/d}: a), or NaN
 * @param delayInQmgr seconds in the queue manager (b), or NaN
 * @param delayConnSetup seconds to set up the connection (c), or NaN
 * @param delayTransmission seconds to transmit (d), or NaN
 * @param tls the TLS policy outcome ({@code tls=}, postfix 3.11+), or null
 * @param dsn the enhanced status code, or null
 * @param statusWord the status as logged: sent, deferred, bounced, expired, deliverable,
 *     undeliverable, undeliverable-but-not-cached, ...
 * @param response the text in parentheses after the status
 * @param queuedAs the queue id the next hop gave the message, or null
 */
public record Delivery(String queueId, String recipient, String originalRecipient, Relay nextHop, int connUse,
        double delay, double delayBeforeQmgr, double delayInQmgr, double delayConnSetup, double delayTransmission,
        TlsFeatures tls, String dsn, String statusWord, String response, String queuedAs) implements RecipientAttempt {

    /** {@code postfix/delivery}. */
    public static final EventType TYPE = F.type("delivery",
            "a delivery attempt for one recipient (smtp, lmtp, local, virtual, pipe, error, discard, qmgr)",
            F.QUEUE_ID, F.TO, FieldSpec.keyword("orig_to", "recipient before aliasing or rewriting"),
            F.relay("relay"), FieldSpec.number("conn_use", "times the (cached) connection was used"),
            FieldSpec.decimal("delay", "seconds from arrival to this attempt's end"),
            FieldSpec.decimal("delay_before_qmgr", "seconds before the queue manager, including transmission from the client"),
            FieldSpec.decimal("delay_in_qmgr", "seconds in the queue manager"),
            FieldSpec.decimal("delay_conn_setup", "seconds for connection set-up: DNS, HELO, TLS"),
            FieldSpec.decimal("delay_transmission", "seconds for the transmission"),
            TlsFeatures.fields(), F.DSN, F.DSN_MEANING,
            FieldSpec.keyword("status", "sent, deferred, bounced, expired, deliverable, undeliverable, ... as logged"),
            FieldSpec.text("response", "the remote reply or local result in parentheses"), F.QUEUED_AS);

    @Override
    public String relay() {
        return nextHop == null ? null : nextHop.toString();
    }

    @Override
    public DeliveryStatus status() {
        return statusOf(statusWord);
    }

    static DeliveryStatus statusOf(String word) {
        if (word == null) {
            return DeliveryStatus.OTHER;
        }
        switch (word) {
            case "sent": return DeliveryStatus.SENT;
            case "deferred": return DeliveryStatus.DEFERRED;
            case "bounced": return DeliveryStatus.BOUNCED;
            case "expired": case "force-expired": return DeliveryStatus.EXPIRED;
            case "deliverable": case "deliverable-but-not-cached": return DeliveryStatus.DELIVERABLE;
            case "undeliverable": case "undeliverable-but-not-cached": return DeliveryStatus.UNDELIVERABLE;
            default: return DeliveryStatus.fromWord(word.toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "to", recipient);
        F.str(out, "orig_to", originalRecipient);
        F.relay(out, "relay", nextHop);
        out.count("conn_use", connUse);
        out.optionalDecimal("delay", delay);
        out.optionalDecimal("delay_before_qmgr", delayBeforeQmgr);
        out.optionalDecimal("delay_in_qmgr", delayInQmgr);
        out.optionalDecimal("delay_conn_setup", delayConnSetup);
        out.optionalDecimal("delay_transmission", delayTransmission);
        if (tls != null) {
            tls.writeFields(out);
        }
        F.dsn(out, dsn);
        F.str(out, "status", statusWord);
        F.str(out, "response", response);
        F.str(out, "queued_as", queuedAs);
    }

    /** {@code delays=a/b/c/d} as postfix writes it, or null if it was not logged. */
    @Override
    public String delays() {
        if (Double.isNaN(delayBeforeQmgr)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(24);
        seconds(sb, delayBeforeQmgr).append('/');
        seconds(sb, delayInQmgr).append('/');
        seconds(sb, delayConnSetup).append('/');
        return seconds(sb, delayTransmission).toString();
    }

    /** As {@link Double#toString}, but whole numbers without {@code .0}, and quickly for the decimals postfix writes. */
    static StringBuilder seconds(StringBuilder sb, double s) {
        if (s == Math.rint(s) && !Double.isInfinite(s)) {
            return sb.append((long) s);
        }
        if (s > 0 && s < 1e6) {
            long m = Math.round(s * 1000);
            if (m / 1000.0 == s) {
                // s is the double nearest a decimal of at most three places (postfix writes two), whose
                // digits are then what Double.toString gives: this saves its general algorithm
                sb.append(m / 1000).append('.');
                int f = (int) (m % 1000);
                sb.append((char) ('0' + f / 100));
                if (f % 100 != 0) {
                    sb.append((char) ('0' + f / 10 % 10));
                    if (f % 10 != 0) {
                        sb.append((char) ('0' + f % 10));
                    }
                }
                return sb;
            }
        }
        return sb.append(s);
    }
}
