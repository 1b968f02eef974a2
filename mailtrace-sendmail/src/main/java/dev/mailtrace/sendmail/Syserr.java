package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A system error (err.c {@code syserr}): {@code SYSERR(root): collect: Cannot write ./dfpBF...
 * (bfcommit, uid=0, gid=25): No space left on device}, {@code SYSERR: putoutmsg (host): error on
 * output channel sending "...": Broken pipe}.
 *
 * @param queueId the queue id, or null
 * @param user the user in parentheses, or null
 * @param message the error text
 */
public record Syserr(String queueId, String user, String message) implements LogEvent {

    /** {@code sendmail/syserr}. */
    public static final EventType TYPE = F.type("syserr", "a sendmail system error (SYSERR)",
            F.QUEUE_ID, FieldSpec.keyword("user", "the user sendmail ran as, in SYSERR(user)"), F.MESSAGE);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "user", user);
        F.str(out, "message", message);
    }
}
