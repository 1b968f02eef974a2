package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * An SMTP session ended abnormally: {@code 56VFYCxS024291: lost input channel from mail.example.org
 * [192.0.2.196] to MTA-v4 after rcpt} (srvrsmtp.c), {@code timeout waiting for input from
 * mx.example.net. during client RCPT} (util.c {@code sfgets}). The peer is the client when
 * sendmail was the server, the relay when it was the client ({@code during client ...}).
 *
 * @param queueId the queue id, or null
 * @param error {@code lost input channel} or {@code timeout waiting for input}
 * @param client the client, or null
 * @param relay the server sendmail talked to, or null
 * @param daemon the daemon the client talked to ({@code to MTA}), or null
 * @param after the command after which the channel was lost ({@code rcpt}, {@code startup}), or null
 * @param during what sendmail was doing ({@code server cmd read}, {@code client greeting}), or null
 */
public record LostConnection(String queueId, String error, Peer client, Peer relay, String daemon, String after,
        String during) implements LogEvent {

    /** {@code sendmail/lost_connection}. */
    public static final EventType TYPE = F.type("lost_connection",
            "an SMTP session ended abnormally: lost input channel, timeout waiting for input",
            F.QUEUE_ID, F.ERROR, F.peer("client", "client"), F.peer("relay", "server sendmail was talking to"), F.DAEMON,
            FieldSpec.keyword("after", "the last command before the channel was lost (rcpt, data, startup, ...)"),
            FieldSpec.keyword("during", "what sendmail was doing: server cmd read, client greeting, client RCPT, ..."));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "error", error);
        F.peer(out, "client", client);
        F.peer(out, "relay", relay);
        F.str(out, "daemon", daemon);
        F.str(out, "after", after);
        F.str(out, "during", during);
    }
}
