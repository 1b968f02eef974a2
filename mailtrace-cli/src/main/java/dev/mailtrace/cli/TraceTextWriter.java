package dev.mailtrace.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.mailtrace.event.Client;
import dev.mailtrace.trace.Action;
import dev.mailtrace.trace.DeliveryAttempt;
import dev.mailtrace.trace.FilterResult;
import dev.mailtrace.trace.Hop;
import dev.mailtrace.trace.Link;
import dev.mailtrace.trace.MailboxResult;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.Recipient;
import dev.mailtrace.trace.RecipientOutcome;
import dev.mailtrace.trace.Reject;
import dev.mailtrace.trace.TraceRecord;
import dev.mailtrace.trace.Transaction;

/**
 * The human format of {@code mailtrace trace}: one block per record, blank lines between, the
 * fields of the classic {@code search.py} output first, then every attempt and the links.
 *
 * <pre>
 * transaction: 4F9D195432C
 * client: mail.example.org [198.51.100.23]
 * from:   alice@example.org
 * msgid:  20261124100401.GA1234@mail.example.org
 * date:   2026-11-24 10:04:02
 * to:     recipient='bob@corp.example.net', relay='127.0.0.1[127.0.0.1]:10024', status='sent (250 2.0.0 ... queued as 7A3C31A0F21)'
 *           2026-11-24 10:04:03  sent      relay=127.0.0.1[127.0.0.1]:10024 delay=1.1 delays=0.32/0.01/0.02/0.75 dsn=2.0.0 (250 ...)
 * host:   mx1
 * filter: 2026-11-24 10:04:03 amavis clean (passed) score=-1.9 queued_as=7A3C31A0F21
 * next:   mx1 7A3C31A0F21 (reinjection)
 * end:    2026-11-24 10:04:03 (removed)
 * </pre>
 */
final class TraceTextWriter {

    private final Writer out;
    private final DateTimeFormatter dates;
    private boolean first = true;

    TraceTextWriter(OutputStream out, ZoneId zone) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.dates = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone);
    }

    void write(TraceRecord r) throws IOException {
        StringBuilder sb = new StringBuilder(512);
        if (!first) {
            sb.append('\n');
        }
        first = false;
        if (r instanceof Transaction t) {
            transaction(sb, t);
        } else if (r instanceof MessageTrace m) {
            message(sb, m, "");
        } else if (r instanceof Reject j) {
            reject(sb, j);
        }
        out.write(sb.toString());
    }

    void flush() throws IOException {
        out.flush();
    }

    private void transaction(StringBuilder sb, Transaction t) {
        line(sb, "transaction", t.queueId());
        if (t.client() != null) {
            line(sb, "client", client(t.client()));
        }
        if (t.from() != null) {
            line(sb, "from", t.from().isEmpty() ? "<>" : t.from());
        }
        if (t.messageId() != null) {
            line(sb, "msgid", t.messageId());
        }
        line(sb, "date", date(t.start()));
        for (Recipient r : t.recipients()) {
            DeliveryAttempt last = r.lastAttempt();
            StringBuilder to = new StringBuilder();
            to.append("recipient='").append(r.to()).append('\'');
            if (r.origTo() != null) {
                to.append(", orig_to='").append(r.origTo()).append('\'');
            }
            if (last.relay() != null) {
                to.append(", relay='").append(last.relay()).append('\'');
            }
            to.append(", status='").append(r.status().label());
            if (last.response() != null) {
                to.append(" (").append(last.response()).append(')');
            }
            to.append('\'');
            line(sb, "to", to.toString());
            for (DeliveryAttempt a : r.attempts()) {
                sb.append("          ").append(date(a.time())).append("  ").append(String.format(Locale.ROOT, "%-9s", a.status().label()));
                if (a.relay() != null) {
                    sb.append(" relay=").append(a.relay());
                }
                if (!Double.isNaN(a.delay())) {
                    sb.append(" delay=").append(number(a.delay()));
                }
                if (a.delays() != null) {
                    sb.append(" delays=").append(a.delays());
                }
                if (a.dsn() != null) {
                    sb.append(" dsn=").append(a.dsn());
                }
                if (a.response() != null) {
                    sb.append(" (").append(a.response()).append(')');
                }
                sb.append('\n');
            }
        }
        line(sb, "host", t.host());
        if (t.saslUsername() != null) {
            line(sb, "sasl", t.saslUsername() + (t.saslMethod() == null ? "" : " (" + t.saslMethod() + ")"));
        }
        if (t.tls() != null) {
            line(sb, "tls", join(t.tls().version(), t.tls().cipher(), t.tls().bits() >= 0 ? t.tls().bits() + " bits" : null));
        }
        if (t.size() >= 0 || t.nrcpt() >= 0) {
            line(sb, "size", (t.size() >= 0 ? t.size() + " bytes" : "?") + (t.nrcpt() >= 0 ? ", " + t.nrcpt() + " recipients" : ""));
        }
        for (Reject j : t.rejects()) {
            line(sb, "reject", date(j.time()) + " " + rejectText(j));
        }
        for (Action a : t.actions()) {
            StringBuilder x = new StringBuilder(date(a.time())).append(' ').append(a.event());
            a.fields().forEach((k, v) -> x.append(' ').append(k).append('=').append(v));
            line(sb, "action", x.toString());
        }
        for (FilterResult f : t.filters()) {
            StringBuilder x = new StringBuilder(date(f.time())).append(' ').append(f.filter()).append(' ').append(f.verdict())
                    .append(" (").append(f.disposition().label()).append(')');
            if (!Double.isNaN(f.score())) {
                x.append(" score=").append(number(f.score()));
            }
            if (!Double.isNaN(f.delay())) {
                x.append(" delay=").append(number(f.delay())).append('s');
            }
            if (!f.recipients().isEmpty()) {
                x.append(" to=").append(String.join(",", f.recipients()));
            }
            if (!f.queuedAs().isEmpty()) {
                x.append(" queued_as=").append(String.join(",", f.queuedAs()));
            }
            line(sb, "filter", x.toString());
        }
        for (MailboxResult d : t.deliveries()) {
            StringBuilder x = new StringBuilder(date(d.time())).append(' ')
                    .append(d.to() != null ? d.to() : d.user() != null ? d.user() : "?").append(' ')
                    .append(d.status().label());
            if (d.mailbox() != null) {
                x.append(" mailbox='").append(d.mailbox()).append('\'');
            }
            if (d.forwardedTo() != null) {
                x.append(" forwarded_to=").append(d.forwardedTo());
            }
            x.append(" host=").append(d.host());
            if (d.reason() != null) {
                x.append(" (").append(d.reason()).append(')');
            }
            line(sb, "mailbox", x.toString());
        }
        if (t.prev() != null) {
            line(sb, "prev", link(t.prev()));
        }
        for (Link l : t.next()) {
            line(sb, "next", link(l));
        }
        if (t.bounceOf() != null) {
            line(sb, "bounce of", link(t.bounceOf()));
        }
        for (Link l : t.bounces()) {
            line(sb, "bounce", link(l));
        }
        line(sb, "end", date(t.end()) + " (" + t.closedBy().label() + (t.complete() ? "" : ", incomplete") + ")");
    }

    private void message(StringBuilder sb, MessageTrace m, String indent) {
        line(sb, indent, indent.isEmpty() ? "message" : "bounce", m.messageId() == null ? "(no message-id)" : "<" + m.messageId() + ">");
        if (m.from() != null) {
            line(sb, indent, "from", m.from().isEmpty() ? "<>" : m.from());
        }
        line(sb, indent, "date", date(m.start()));
        StringBuilder hops = new StringBuilder();
        for (Hop h : m.hops()) {
            if (hops.length() > 0) {
                hops.append(" -> ");
            }
            hops.append(h.host()).append(' ').append(h.queueId());
            if (h.via() != null) {
                hops.append(" (").append(h.via().label()).append(')');
            }
        }
        line(sb, indent, "hops", hops.toString());
        for (RecipientOutcome o : m.recipients()) {
            StringBuilder to = new StringBuilder();
            to.append("recipient='").append(o.to()).append("', status='").append(o.status().label()).append("', host='")
                    .append(o.host()).append('\'');
            if (o.mailbox() != null) {
                to.append(", mailbox='").append(o.mailbox()).append('\'');
            }
            if (o.relay() != null) {
                to.append(", relay='").append(o.relay()).append('\'');
            }
            if (o.response() != null) {
                to.append(", response='").append(o.response()).append('\'');
            }
            to.append(", at ").append(date(o.time()));
            if (o.attempts() > 1) {
                to.append(" after ").append(o.attempts()).append(" attempts");
            }
            line(sb, indent, "to", to.toString());
        }
        for (MessageTrace b : m.bounces()) {
            message(sb, b, indent + "  ");
        }
        if (!m.complete()) {
            line(sb, indent, "note", "incomplete: not every hop was seen to end");
        }
    }

    private void reject(StringBuilder sb, Reject j) {
        line(sb, "reject", j.host() + " " + date(j.time()) + (j.queueId() != null ? " " + j.queueId() : ""));
        if (j.client() != null) {
            line(sb, "client", client(j.client()));
        }
        if (j.from() != null) {
            line(sb, "from", j.from().isEmpty() ? "<>" : j.from());
        }
        if (j.to() != null) {
            line(sb, "to", j.to());
        }
        if (j.helo() != null) {
            line(sb, "helo", j.helo());
        }
        line(sb, "reason", rejectText(j));
    }

    private static String rejectText(Reject j) {
        StringBuilder sb = new StringBuilder(j.reason().label());
        String code = join(j.code() >= 0 ? String.valueOf(j.code()) : null, j.dsn(), j.stage() == null ? null : "at " + j.stage());
        if (!code.isEmpty()) {
            sb.append(" (").append(code).append(')');
        }
        if (j.reasonText() != null) {
            sb.append(": ").append(j.reasonText());
        }
        return sb.toString();
    }

    private static String link(Link l) {
        return (l.host() == null ? "?" : l.host()) + " " + l.queueId() + " (" + l.via().label()
                + (l.relay() != null ? " via " + l.relay() : "") + ")";
    }

    private static String client(Client c) {
        StringBuilder sb = new StringBuilder();
        if (c.hostname() != null) {
            sb.append(c.hostname());
        }
        if (c.ip() != null) {
            sb.append(sb.length() > 0 ? " " : "").append('[').append(c.ip()).append(']');
        }
        if (c.port() >= 0) {
            sb.append(':').append(c.port());
        }
        return sb.toString();
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null) {
                sb.append(sb.length() > 0 ? " " : "").append(p);
            }
        }
        return sb.toString();
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private String date(Instant t) {
        return dates.format(t);
    }

    private static void line(StringBuilder sb, String name, String value) {
        line(sb, "", name, value);
    }

    private static void line(StringBuilder sb, String indent, String name, String value) {
        sb.append(indent).append(name).append(':');
        for (int i = name.length() + 1; i < 7; i++) {
            sb.append(' ');
        }
        sb.append(' ').append(value).append('\n');
    }
}
