package dev.mailtrace.sendmail;

import java.util.List;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.ImplicitCompletion;
import dev.mailtrace.event.MultiRecipientAttempt;

/**
 * One delivery attempt, for all recipients sendmail handed to one mailer call (deliver.c
 * {@code logdelivery}): {@code pBFERI8l019936: to=<alice@bar.com>,<carol@bar.com>,
 * ctladdr=<bob@foo.com> (1000/1000), delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=122240,
 * relay=smtp.bar.com. [192.0.2.25], dsn=2.0.0, stat=Sent (Ok: queued as 5298B228B8B)}. Fields come
 * in any subset and order; {@code stat=} is the last and may contain anything.
 *
 * <p>A {@link MultiRecipientAttempt}: the outcome applies to every recipient of {@code to=}. The
 * status is classified from {@code stat=} and {@code dsn=}: {@code Sent ...} is sent,
 * {@code Deferred ...} deferred, {@code queued} (accepted, delivery postponed) deferred too,
 * {@code quarantined} held, {@code discarded} discarded, anything else (User unknown, Service
 * unavailable, Host unknown, ...) bounced unless the DSN says 2.x.x (sent) or 4.x.x (deferred).
 * {@link #queuedAs()} is the next hop's queue id read from a {@code Sent (...)} reply.
 *
 * @param queueId the queue id
 * @param recipients the recipients of {@code to=} without angle brackets, in order; never empty
 * @param more whether sendmail split a long recipient list and continues it on the next line ({@code [more]})
 * @param controllingAddress {@code ctladdr=} without angle brackets and ids, or null
 * @param controllingUid the uid in {@code ctladdr=<u> (uid/gid)}, or -1
 * @param controllingGid the gid, or -1
 * @param delay {@code delay=} in seconds since the message was received, or NaN
 * @param transmissionDelay {@code xdelay=} in seconds for this attempt, or NaN
 * @param mailer {@code mailer=} (esmtp, relay, local, ...), or null
 * @param priority {@code pri=}, or -1
 * @param peer {@code relay=}: the host that accepted or refused the message, or null
 * @param quarantine {@code quarantine=} reason, or null
 * @param dsn {@code dsn=}, or null
 * @param tries {@code ntries=} (_FFR_LOG_NTRIES), or -1
 * @param stage {@code stage=} (_FFR_LOG_STAGE), or null
 * @param reply {@code reply=}: the server's reply to a failed attempt (8.17+), or null
 * @param tlsVerify {@code tls_verify=}, or null
 * @param tlsVersion {@code tls_version=}, or null
 * @param cipher {@code cipher=}, or null
 * @param stat {@code stat=} as logged
 * @param status the outcome classified from {@code stat} and {@code dsn}
 * @param response the reply or reason: the text in {@code Sent (...)}, after {@code Deferred: }, or
 *     the whole {@code stat} for failures; null for a bare {@code Sent}, {@code Deferred}, {@code queued}
 * @param queuedAs the queue id the next hop gave the message, or null
 */
public record Delivery(String queueId, List<String> recipients, boolean more, String controllingAddress,
        int controllingUid, int controllingGid, double delay, double transmissionDelay, String mailer, long priority,
        Peer peer, String quarantine, String dsn, int tries, String stage, String reply, String tlsVerify,
        String tlsVersion, String cipher, String stat, DeliveryStatus status, String response, String queuedAs)
        implements MultiRecipientAttempt, ImplicitCompletion {

    /** {@code sendmail/delivery}. */
    public static final EventType TYPE = F.type("delivery",
            "a delivery attempt for the recipients of one mailer call (to=, ..., stat=)",
            F.QUEUE_ID, FieldSpec.keyword("to", "the recipients without <>, comma-separated as logged"),
            FieldSpec.number("to_count", "number of recipients in to="),
            FieldSpec.bool("to_more", "the recipient list continues on the next line ([more])"),
            FieldSpec.keyword("ctladdr", "controlling user whose credentials deliver (ctladdr=)"),
            FieldSpec.number("ctladdr_uid", "uid of the controlling user"),
            FieldSpec.number("ctladdr_gid", "gid of the controlling user"),
            FieldSpec.decimal("delay", "seconds from arrival to this attempt (delay=, logged as [d+]hh:mm:ss)"),
            FieldSpec.decimal("xdelay", "seconds this attempt took (xdelay=)"),
            FieldSpec.keyword("mailer", "mailer: esmtp, smtp, relay, local, prog, ..."),
            FieldSpec.number("pri", "queue priority at this attempt"),
            F.peer("relay", "host that accepted or refused the message (relay=)"),
            FieldSpec.keyword("quarantine", "quarantine reason (quarantine=)"), F.DSN, F.DSN_MEANING,
            FieldSpec.number("ntries", "delivery attempts so far (ntries=)"),
            FieldSpec.keyword("smtp_stage", "SMTP stage a failure happened in (stage=)"),
            FieldSpec.text("reply", "the server's reply to a failed attempt (reply=, 8.17+)"),
            FieldSpec.keyword("tls_verify", "TLS certificate verification result (tls_verify=)"),
            FieldSpec.keyword("tls_version", "TLS protocol version (tls_version=)"),
            FieldSpec.keyword("tls_cipher", "TLS cipher (cipher=)"),
            FieldSpec.text("stat", "the status as logged: Sent (...), Deferred: ..., User unknown, ..."),
            FieldSpec.keyword("status", "the outcome: sent, deferred, bounced, held, discarded"),
            FieldSpec.text("response", "the remote reply in Sent (...), after Deferred:, or the failure text"),
            FieldSpec.keyword("queued_as", "queue id the next hop gave the message (queued as, Message accepted, OK id=)"));

    @Override
    public String recipient() {
        return recipients.get(0);
    }

    @Override
    public String originalRecipient() {
        return null;
    }

    /**
     * The relay as logged ({@code mx.example.net [192.0.2.25]}); without one, a local mailer's name
     * ({@code local}, {@code prog}, {@code lmtp}, ...: delivery on this host); else null (an SMTP
     * mailer that reached no host).
     */
    @Override
    public String relay() {
        if (peer != null) {
            return peer.toString();
        }
        if (mailer == null) {
            return null;
        }
        switch (mailer) {
            case "esmtp": case "smtp": case "smtp8": case "dsmtp": case "relay": case "uucp-dom": case "uucp-uudom":
                return null;
            default:
                return mailer;
        }
    }

    /** A delivery line says nothing about the recipient count. */
    @Override
    public int expectedRecipients() {
        return -1;
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        out.string("to", recipients.size() == 1 ? recipients.get(0) : String.join(",", recipients));
        out.number("to_count", recipients.size());
        F.flag(out, "to_more", more);
        F.str(out, "ctladdr", controllingAddress);
        out.count("ctladdr_uid", controllingUid);
        out.count("ctladdr_gid", controllingGid);
        out.optionalDecimal("delay", delay);
        out.optionalDecimal("xdelay", transmissionDelay);
        F.str(out, "mailer", mailer);
        out.count("pri", priority);
        F.peer(out, "relay", peer);
        F.str(out, "quarantine", quarantine);
        F.dsn(out, dsn);
        out.count("ntries", tries);
        F.str(out, "smtp_stage", stage);
        F.str(out, "reply", reply);
        F.str(out, "tls_verify", tlsVerify);
        F.str(out, "tls_version", tlsVersion);
        F.str(out, "tls_cipher", cipher);
        F.str(out, "stat", stat);
        out.string("status", status.label());
        F.str(out, "response", response);
        F.str(out, "queued_as", queuedAs);
    }
}
