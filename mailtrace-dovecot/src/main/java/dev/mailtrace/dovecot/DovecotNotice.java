package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * Any other line of a dovecot process, with what its prefix says: {@code imap(alice)<4242><sess>:
 * Error: Mailbox INBOX: ...}, {@code master: Dovecot v2.3.21 starting up for imap, lmtp},
 * {@code imap-login: proxy(alice): started proxying to 192.0.2.20:143}.
 *
 * @param service the process ({@code imap}, {@code master}, {@code auth}, ...), or null when the
 *     line had no process prefix
 * @param user the user of the prefix, or null
 * @param session the session id of the prefix, or null
 * @param level the level when logged ({@code Error:}): info, warning, error, fatal, panic, debug; or null
 * @param message the text after the prefix and level
 */
public record DovecotNotice(String service, String user, String session, String level, String message)
        implements LogEvent {

    /** {@code dovecot/notice}. */
    public static final EventType TYPE = F.eventType(DovecotDialect.NAME, "notice",
            "any other line of a dovecot process: errors, warnings, start-up, proxying, ...",
            DovecotLine.SERVICE, DovecotLine.USER, DovecotLine.SESSION, F.LEVEL, F.MESSAGE);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "service", service);
        F.str(out, "user", user);
        F.str(out, "session", session);
        F.str(out, "level", level);
        F.str(out, "message", message);
    }
}
