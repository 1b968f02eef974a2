package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A client logged in through a login process: {@code imap-login: Login: user=<alice>,
 * method=PLAIN, rip=192.0.2.1, lip=192.0.2.10, mpid=4242, TLS, session=<NwbrmhAH0n3AAAAB>}
 * (dovecot 2.0&ndash;2.3; {@code Logged in:} in 2.4).
 *
 * @param service the protocol: imap, pop3, submission, managesieve
 * @param login the login elements
 */
public record Login(String service, LoginFields login) implements LogEvent {

    /** {@code dovecot/login}. */
    public static final EventType TYPE = F.eventType(DovecotDialect.NAME, "login",
            "a client logged in (imap-login, pop3-login, submission-login, managesieve-login: Login)",
            DovecotLine.SERVICE_PROTOCOL, LoginFields.FIELDS);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "service", service);
        login.writeFields(out);
    }
}
