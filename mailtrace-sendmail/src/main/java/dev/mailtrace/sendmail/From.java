package dev.mailtrace.sendmail;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.ImplicitCompletion;
import dev.mailtrace.event.MessageAccepted;

/**
 * The envelope of a message sendmail collected: {@code pBFERI8l019936: from=<bob@foo.com>,
 * size=2240, class=0, nrcpts=1, msgid=<20111215142718.GD23530@smtp.foo.com>, bodytype=8BITMIME,
 * proto=ESMTP, daemon=MTA, relay=bob.desktop [10.10.10.10]} (headers.c {@code logsender}). Fields
 * come in any subset and order; the ones sendmail adds with {@code _FFR_LOG_MORE1}
 * ({@code tls_verify=}, {@code tls_version=}, {@code cipher=}, {@code auth=}) are read too.
 *
 * <p>Starts a transaction ({@link MessageAccepted}, {@link EnvelopeSender}) and says how many
 * recipients it waits for ({@link ImplicitCompletion}: sendmail logs no {@code removed}). A line
 * with {@code msgid=} is emitted as {@link IdentifiedFrom}, which is also a
 * {@link dev.mailtrace.event.MessageIdentified}. Sendmail also logs this line, with
 * {@code size=0} and {@code nrcpts=0}, for an envelope whose recipients were all refused.
 *
 * @param queueId the queue id
 * @param sender {@code from=} without angle brackets; empty for {@code <>}
 * @param size {@code size=} in bytes, or -1
 * @param messageClass {@code class=} (the Precedence class), or {@link Integer#MIN_VALUE} when absent
 * @param recipientCount {@code nrcpts=}: envelope recipients after aliasing, or -1
 * @param priority {@code pri=}, or -1
 * @param messageId {@code msgid=} without angle brackets, or null
 * @param bodyType {@code bodytype=} (7BIT, 8BITMIME), or null
 * @param protocol {@code proto=} (SMTP, ESMTP, ESMTPS, ESMTPSA, ...), or null
 * @param daemon {@code daemon=} (MTA, MSA, MTA-v4, ...), or null
 * @param auth {@code auth=}: the SASL mechanism, or null ({@code NONE} is kept as logged)
 * @param tlsVerify {@code tls_verify=}, or null
 * @param tlsVersion {@code tls_version=}, or null
 * @param cipher {@code cipher=}, or null
 * @param peer {@code relay=}: where the message came from, or null
 */
public record From(String queueId, String sender, long size, int messageClass, int recipientCount, long priority,
        String messageId, String bodyType, String protocol, String daemon, String auth, String tlsVerify,
        String tlsVersion, String cipher, Peer peer) implements MessageAccepted, EnvelopeSender, ImplicitCompletion {

    /** {@code sendmail/from}. */
    public static final EventType TYPE = F.type("from",
            "sendmail collected a message: envelope sender, size, recipient count, Message-ID, where it came from",
            F.QUEUE_ID, F.FROM, FieldSpec.number("size", "message size in bytes"),
            FieldSpec.number("class", "message class (Precedence)"),
            FieldSpec.number("nrcpts", "number of envelope recipients after aliasing"),
            FieldSpec.number("pri", "initial queue priority"),
            FieldSpec.keyword("message_id", "Message-ID header without <> (msgid=)"),
            FieldSpec.keyword("bodytype", "body type from the envelope: 7BIT, 8BITMIME"),
            FieldSpec.keyword("proto", "protocol it arrived by: SMTP, ESMTP, ESMTPS, ESMTPSA, ..."), F.DAEMON,
            FieldSpec.keyword("auth", "SASL mechanism the client used (auth=, _FFR_LOG_MORE1)"),
            FieldSpec.keyword("tls_verify", "TLS certificate verification result (tls_verify=)"),
            FieldSpec.keyword("tls_version", "TLS protocol version (tls_version=)"),
            FieldSpec.keyword("tls_cipher", "TLS cipher (cipher=)"),
            F.peer("client", "client (relay=)"),
            FieldSpec.bool("local", "true for a local submission (relay=user@localhost or none)"));

    /** Whether the message was submitted locally (no relay, or {@code relay=[user@]localhost} without address). */
    public boolean local() {
        return peer == null || peer.ip() == null && "localhost".equalsIgnoreCase(peer.hostname());
    }

    /** The client from {@code relay=}, or null for a local submission. */
    @Override
    public Client client() {
        return local() ? null : peer.toClient();
    }

    /** Sendmail logs no SASL login on this line. */
    @Override
    public String saslUsername() {
        return null;
    }

    /** {@code auth=} if logged and not {@code NONE}. */
    @Override
    public String saslMethod() {
        return auth == null || "NONE".equals(auth) ? null : auth;
    }

    @Override
    public int expectedRecipients() {
        return recipientCount;
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "from", sender);
        out.count("size", size);
        if (messageClass != Integer.MIN_VALUE) {
            out.number("class", messageClass);
        }
        out.count("nrcpts", recipientCount);
        out.count("pri", priority);
        F.str(out, "message_id", messageId);
        F.str(out, "bodytype", bodyType);
        F.str(out, "proto", protocol);
        F.str(out, "daemon", daemon);
        F.str(out, "auth", auth);
        F.str(out, "tls_verify", tlsVerify);
        F.str(out, "tls_version", tlsVersion);
        F.str(out, "tls_cipher", cipher);
        F.peer(out, "client", peer);
        F.flag(out, "local", local());
    }
}
