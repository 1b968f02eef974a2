package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * An SMTP session ended abnormally: smtpd {@code lost connection after DATA (0 bytes) from
 * unknown[192.0.2.1]}, {@code timeout after END-OF-MESSAGE from ...}, {@code too many errors after
 * RCPT from ...}, {@code bare <LF> received after CONNECT from ...}, {@code SSL_accept error from
 * ...: lost connection}.
 *
 * @param queueId the queue id, or null ({@code NOQUEUE}); postfix 3.10+ prefixes one of them
 * @param error lost connection, timeout, too many errors, bare &lt;LF&gt; received or SSL_accept error
 * @param stage the last SMTP stage, or null
 * @param bytes the bytes received after DATA/BDAT, or -1
 * @param client the client
 * @param detail the text after the client ({@code SSL_accept error}), or null
 */
public record LostConnection(String queueId, String error, String stage, long bytes, Client client, String detail)
        implements LogEvent {

    /** {@code postfix/lost_connection}. */
    public static final EventType TYPE = F.type("lost_connection",
            "smtpd session ended abnormally: lost connection, timeout, too many errors, ... after a stage",
            F.QUEUE_ID, F.ERROR, F.STAGE, FieldSpec.number("bytes", "bytes received after DATA or BDAT"),
            F.client("client"), FieldSpec.text("detail", "what follows the client, e.g. the SSL_accept error"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "error", error);
        F.str(out, "stage", stage);
        out.count("bytes", bytes);
        F.client(out, "client", client);
        F.str(out, "detail", detail);
    }
}
