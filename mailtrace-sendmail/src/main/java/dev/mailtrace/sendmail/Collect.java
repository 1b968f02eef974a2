package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * Receiving a message's data failed or was cut (collect.c): {@code collect: premature EOM: unexpected
 * close}, {@code collect: I/O error on connection from host.example.com, from=<a@example.org>},
 * {@code collect: unexpected close on connection from [192.0.2.1], sender=<a@example.org>},
 * {@code header overflow from host during message collect}, {@code headers too large (32768 max)
 * from host during message collect}, {@code message size (20000000) exceeds maximum (10000000)}.
 *
 * @param queueId the queue id, or null
 * @param error what went wrong: premature EOM, I/O error, unexpected close, read timeout, header
 *     overflow, headers too large, message size exceeds maximum, ...
 * @param peer the client, or null
 * @param sender the envelope sender without angle brackets, or null
 * @param size the message size, or -1
 * @param max the limit exceeded, or -1
 * @param detail the rest, or null
 */
public record Collect(String queueId, String error, Peer peer, String sender, long size, long max, String detail)
        implements LogEvent {

    /** {@code sendmail/collect}. */
    public static final EventType TYPE = F.type("collect",
            "receiving a message's data failed: premature EOM, I/O error, timeout, headers or message too large",
            F.QUEUE_ID, F.ERROR, F.peer("client", "client"), F.FROM, FieldSpec.number("size", "the message size"),
            FieldSpec.number("max_size", "the limit exceeded"), F.DETAIL);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "error", error);
        F.peer(out, "client", peer);
        F.str(out, "from", sender);
        out.count("size", size);
        out.count("max_size", max);
        F.str(out, "detail", detail);
    }
}
