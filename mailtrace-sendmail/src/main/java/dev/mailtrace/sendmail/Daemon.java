package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * The daemon's own state (main.c, conf.c, daemon.c): {@code starting daemon (8.15.2):
 * SMTP+queueing@00:15:00}, {@code stopping daemon, reason=signal}, {@code restarting
 * /usr/sbin/sendmail due to signal}, {@code rejecting connections on daemon MTA: load average: 40},
 * {@code accepting connections again for daemon MTA}, {@code rejecting new messages: min free: 100},
 * {@code accepting new messages (again)}.
 *
 * @param action {@code starting}, {@code stopping}, {@code restarting}, {@code rejecting_connections},
 *     {@code accepting_connections}, {@code rejecting_messages} or {@code accepting_messages}
 * @param daemon the daemon name, or null
 * @param version the sendmail version when starting, or null
 * @param detail the rest (mode, reason, load), or null
 */
public record Daemon(String action, String daemon, String version, String detail) implements LogEvent {

    /** {@code sendmail/daemon}. */
    public static final EventType TYPE = F.type("daemon",
            "the daemon started, stopped, restarted, or refused/accepted connections or messages",
            FieldSpec.keyword("action", "starting, stopping, restarting, rejecting_connections, "
                    + "accepting_connections, rejecting_messages, accepting_messages"),
            F.DAEMON, FieldSpec.keyword("version", "sendmail version (starting)"), F.DETAIL);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "action", action);
        F.str(out, "daemon", daemon);
        F.str(out, "version", version);
        F.str(out, "detail", detail);
    }
}
