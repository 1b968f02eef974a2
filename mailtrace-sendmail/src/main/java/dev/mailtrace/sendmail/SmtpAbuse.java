package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A client misbehaved (srvrsmtp.c): {@code host [192.0.2.1]: possible SMTP attack: command=AUTH,
 * count=3}, {@code ...: probable open proxy: command=GET / HTTP/1.0}, {@code ...: SMTP violation,
 * input too long: 12288}, {@code ...: Possible SMTP RCPT flood, throttling.}, {@code unauthorized
 * PIPELINING, sleeping, relay=host [192.0.2.1]}, {@code invalid domain name (a..b) from host
 * [192.0.2.1]}.
 *
 * @param queueId the queue id, or null
 * @param kind {@code possible SMTP attack}, {@code probable open proxy}, {@code input too long},
 *     {@code RCPT flood}, {@code unauthorized PIPELINING} or {@code invalid domain name}
 * @param peer the client, or null
 * @param command the command concerned (command= or the invalid domain), or null
 * @param count the count or length logged, or -1
 * @param detail the rest (throttling, shutting down connection), or null
 */
public record SmtpAbuse(String queueId, String kind, Peer peer, String command, long count, String detail)
        implements LogEvent {

    /** {@code sendmail/smtp_abuse}. */
    public static final EventType TYPE = F.type("smtp_abuse",
            "a client misbehaved: possible SMTP attack, open proxy, input too long, RCPT flood, PIPELINING, bad domain",
            F.QUEUE_ID, FieldSpec.keyword("kind", "possible SMTP attack, probable open proxy, input too long, RCPT flood, "
                    + "unauthorized PIPELINING, invalid domain name"),
            F.peer("client", "client"), FieldSpec.keyword("command", "the command concerned, or the invalid domain"),
            FieldSpec.number("count", "the count or length logged"), F.DETAIL);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "kind", kind);
        F.peer(out, "client", peer);
        F.str(out, "command", command);
        out.count("count", count);
        F.str(out, "detail", detail);
    }
}
