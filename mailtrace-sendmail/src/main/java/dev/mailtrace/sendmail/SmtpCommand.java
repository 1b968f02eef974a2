package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * An SMTP command sendmail logs (srvrsmtp.c): {@code s1NKIkZa093301: [192.0.2.70]: EXPN root
 * [rejected]}, {@code host.example.com [192.0.2.194]: VRFY info}, {@code host [192.0.2.1]: ETRN
 * example.org}, {@code SMTP VRFY command (x) from host [192.0.2.1] tempfailed (due to previous checks)},
 * {@code "DEBUG" command from host [192.0.2.1] (192.0.2.1)}, and the {@code <-- EHLO x} echo of
 * LogLevel 15.
 *
 * @param queueId the queue id, or null
 * @param peer the client, or null
 * @param command the command as logged (EXPN, VRFY, ETRN, MAIL, ...)
 * @param argument its argument, or null
 * @param result {@code rejected} or {@code tempfailed}, or null
 */
public record SmtpCommand(String queueId, Peer peer, String command, String argument, String result) implements LogEvent {

    /** {@code sendmail/smtp_command}. */
    public static final EventType TYPE = F.type("smtp_command",
            "an SMTP command sendmail logs: EXPN/VRFY (rejected), ETRN, tempfailed commands, LogLevel 15 echo",
            F.QUEUE_ID, F.peer("client", "client"), FieldSpec.keyword("command", "the command: EXPN, VRFY, ETRN, ..."),
            FieldSpec.keyword("argument", "its argument"), FieldSpec.keyword("result", "rejected or tempfailed"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.peer(out, "client", peer);
        F.str(out, "command", command);
        F.str(out, "argument", argument);
        F.str(out, "result", result);
    }
}
