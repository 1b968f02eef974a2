package dev.mailtrace.sendmail;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * The sendmail dialect: the log lines of sendmail 8.x (the MTA daemon and the submission program,
 * under whatever syslog tag they run: {@code sendmail}, {@code sm-mta}, {@code sm-msp-queue},
 * {@code sm-mta-rx}, {@code sm-acceptingconnections}, ...) as typed events: envelopes, delivery
 * attempts, DSNs, ruleset and milter verdicts, STARTTLS and AUTH, session problems, and the
 * daemon's own state.
 *
 * <p>Claims {@code sendmail}, {@code sendmail-*}, {@code sm-mta*}, {@code sm-msp*} and
 * {@code sm-accept*} (not {@code sm-*}: nfs-utils' {@code sm-notify} is not sendmail). Lines are read by a hand-written
 * byte scanner that dispatches on the queue id and the leading literal; only event fields become
 * Strings. Unknown shapes make {@link #parse} return false; no input makes it throw. Stateless and
 * thread-safe: one instance serves any number of threads.
 *
 * <p>Sendmail logs no line when a message leaves its queue. Its transactions complete implicitly:
 * the {@code from} event carries the number of recipients ({@code nrcpts=}) and every event of a
 * transaction is a {@link dev.mailtrace.event.ImplicitCompletion}; see the module README.
 */
public final class SendmailDialect implements LogDialect {

    /** The dialect's name. */
    public static final String NAME = "sendmail";

    private static final List<EventType> EVENT_TYPES = List.of(
            From.TYPE, Delivery.TYPE, Dsn.TYPE, Done.TYPE, Discarded.TYPE, Clone.TYPE, Alias.TYPE, Quarantine.TYPE,
            Ruleset.TYPE, AddressError.TYPE, Milter.TYPE, ConnectionReject.TYPE, Connect.TYPE, LostConnection.TYPE,
            NullConnection.TYPE, SmtpCommand.TYPE, SmtpAbuse.TYPE, Collect.TYPE, SmtpError.TYPE, Starttls.TYPE,
            TlsNotice.TYPE, Auth.TYPE, AuthFailed.TYPE, Syserr.TYPE, Daemon.TYPE, Fragment.TYPE, Notice.TYPE);

    /** Created by {@link java.util.ServiceLoader} or directly; stateless. */
    public SendmailDialect() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> programs() {
        return Set.of("sendmail", "sendmail-*", "sm-mta*", "sm-msp*", "sm-accept*");
    }

    @Override
    public List<EventType> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        return SendmailParser.parse(line.bytes(), line.messageStart(), line.messageEnd(), out);
    }

    @Override
    public String toString() {
        return "SendmailDialect";
    }
}
