package dev.mailtrace.dovecot;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * The dovecot dialect: the lines of the dovecot 1.x&ndash;2.4 mailbox server, logged through syslog
 * under the name {@code dovecot} ({@code dovecot: imap-login: Login: user=<alice>, ...}) or by each
 * process under its own name in dovecot's log file ({@code imap-login: Info: Login: ...},
 * {@code lmtp(bob)<4242><sess>: Info: msgid=<...>: saved mail to INBOX}): logins and failed logins,
 * mail session ends with their counters, LMTP/LDA and sieve deliveries
 * ({@link dev.mailtrace.event.MailboxDelivery}, which close a message trace), auth failures, and every
 * other line of a dovecot process as a notice.
 *
 * <p>Lines are read by a hand-written byte scanner; only event fields become Strings. Unknown
 * shapes make {@link #parse} return false; no input makes it throw. Stateless and thread-safe.
 */
public final class DovecotDialect implements LogDialect {

    /** The dialect's name. */
    public static final String NAME = "dovecot";

    /** The syslog name dovecot logs under. */
    static final String SYSLOG_NAME = "dovecot";

    private static final List<EventType> EVENT_TYPES = List.of(Login.TYPE, LoginAborted.TYPE, Logout.TYPE,
            MailboxStore.TYPE, SieveAction.TYPE, Connection.TYPE, AuthFailure.TYPE, DovecotNotice.TYPE);

    private static final Set<String> PROGRAMS = Set.of(SYSLOG_NAME, "dovecot-auth", "dovecot-lda", "deliver",
            "imap-login", "pop3-login", "submission-login", "managesieve-login", "imap", "pop3", "submission",
            "managesieve", "lmtp", "lda", "auth", "auth-worker", "indexer-worker", "doveadm");

    /** Created by {@link java.util.ServiceLoader} or directly; stateless. */
    public DovecotDialect() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@code dovecot}, and the names dovecot's processes use in its own log file: the login
     * processes, {@code imap}, {@code pop3}, {@code lmtp}, {@code lda}, {@code auth},
     * {@code auth-worker}, ..., and 1.x's {@code dovecot-auth} and {@code deliver}.
     */
    @Override
    public Set<String> programs() {
        return PROGRAMS;
    }

    @Override
    public List<EventType> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        return DovecotParser.parse(line.bytes(), line.messageStart(), line.messageEnd(), line.tagStart(), line.tagEnd(),
                line.program(), out);
    }

    @Override
    public String toString() {
        return "DovecotDialect";
    }
}
