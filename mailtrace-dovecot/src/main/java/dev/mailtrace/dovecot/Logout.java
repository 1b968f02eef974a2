package dev.mailtrace.dovecot;

import java.util.Arrays;
import java.util.Objects;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A mail session ended, with its counters: {@code imap(alice)<4242><NwbrmhAH0n3AAAAB>:
 * Disconnected: Logged out in=393 out=1540 deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0
 * body_count=0 body_bytes=0}, {@code pop3(bob): Disconnected: Logged out top=0/0, retr=1/2210,
 * del=1/1, size=2193}, and the older {@code Connection closed bytes=12/345}.
 *
 * <p>Immutable. A final class rather than a record so that the counters array the scanner fills is
 * taken over without a defensive copy; {@link #counters()} returns a copy.
 */
public final class Logout implements LogEvent {

    /** The counter fields, in output order; the first two are {@code in=} and {@code out=}. */
    static final String[] COUNTERS = {"bytes_in", "bytes_out", "deleted", "expunged", "trashed", "hdr_count",
        "hdr_bytes", "body_count", "body_bytes", "top_count", "top_bytes", "retr_count", "retr_bytes", "del_count",
        "del_bytes", "size"};

    static final int BYTES_IN = 0;
    static final int BYTES_OUT = 1;
    static final int TOP_COUNT = 9;
    static final int RETR_COUNT = 11;
    static final int DEL_COUNT = 13;
    static final int SIZE = 15;

    private static final String[] DESCRIPTIONS = {"bytes received from the client (in=)", "bytes sent to the client (out=)",
        "messages flagged \\Deleted (imap deleted=)", "messages expunged (imap expunged=)",
        "messages moved to Trash (imap trashed=)", "messages whose headers were fetched (imap hdr_count=)",
        "bytes of headers fetched (imap hdr_bytes=)", "messages whose bodies were fetched (imap body_count=)",
        "bytes of bodies fetched (imap body_bytes=)", "TOP commands (pop3 top=N/bytes)", "bytes sent by TOP",
        "messages retrieved (pop3 retr=N/bytes)", "bytes retrieved", "messages deleted (pop3 del=N/bytes)",
        "bytes deleted", "mailbox size in bytes (pop3 size=)"};

    /** {@code dovecot/logout}. */
    public static final EventType TYPE = F.eventType(DovecotDialect.NAME, "logout",
            "a mail session ended (imap, pop3, submission, managesieve Disconnected), with its counters",
            DovecotLine.SERVICE_PROTOCOL, DovecotLine.USER, DovecotLine.SESSION,
            FieldSpec.text("reason", "why it ended: Logged out, Connection closed (...), Disconnected for inactivity, ..."),
            counterFields());

    private final String service;
    private final String user;
    private final String session;
    private final String reason;
    private final long[] counters;

    /** Takes over {@code counters} (indexed like {@link #COUNTERS}, -1 where not logged): the caller must not keep it. */
    Logout(String service, String user, String session, String reason, long[] counters) {
        if (counters.length != COUNTERS.length) {
            throw new IllegalArgumentException("expected " + COUNTERS.length + " counters, got " + counters.length);
        }
        this.service = service;
        this.user = user;
        this.session = session;
        this.reason = reason;
        this.counters = counters;
    }

    /** The protocol: imap, pop3, submission, managesieve. */
    public String service() {
        return service;
    }

    /** The user, or null. */
    public String user() {
        return user;
    }

    /** The session id of the log prefix (the login's {@code session=}), or null. */
    public String session() {
        return session;
    }

    /** Why it ended: {@code Logged out}, {@code Connection closed (...)}, ... */
    public String reason() {
        return reason;
    }

    private static FieldSpec[] counterFields() {
        FieldSpec[] f = new FieldSpec[COUNTERS.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = FieldSpec.number(COUNTERS[i], DESCRIPTIONS[i]);
        }
        return f;
    }

    /** A counter by field name ({@code bytes_in}, {@code retr_count}, ...), or -1 if not logged. */
    public long counter(String name) {
        for (int i = 0; i < COUNTERS.length; i++) {
            if (COUNTERS[i].equals(name)) {
                return counters[i];
            }
        }
        throw new IllegalArgumentException("unknown counter [" + name + "]; available: " + String.join(", ", COUNTERS));
    }

    /** A copy of the counters, indexed like {@link #COUNTERS}; -1 where not logged. */
    public long[] counters() {
        return counters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Logout l && Objects.equals(service, l.service) && Objects.equals(user, l.user)
                && Objects.equals(session, l.session) && Objects.equals(reason, l.reason)
                && Arrays.equals(counters, l.counters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, user, session, reason) * 31 + Arrays.hashCode(counters);
    }

    @Override
    public String toString() {
        return "Logout[service=" + service + ", user=" + user + ", session=" + session + ", reason=" + reason
                + ", counters=" + Arrays.toString(counters) + "]";
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "service", service);
        F.str(out, "user", user);
        F.str(out, "session", session);
        F.str(out, "reason", reason);
        for (int i = 0; i < COUNTERS.length; i++) {
            out.count(COUNTERS[i], counters[i]);
        }
    }
}
