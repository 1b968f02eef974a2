package dev.mailtrace.sendmail;

import static dev.mailtrace.sendmail.Bytes.ascii;
import static dev.mailtrace.sendmail.Bytes.at;
import static dev.mailtrace.sendmail.Bytes.endsWith;
import static dev.mailtrace.sendmail.Bytes.find;
import static dev.mailtrace.sendmail.Bytes.is;
import static dev.mailtrace.sendmail.Bytes.isLower;
import static dev.mailtrace.sendmail.Bytes.isUpper;
import static dev.mailtrace.sendmail.Bytes.str;
import static dev.mailtrace.sendmail.EnvelopeLines.address;
import static dev.mailtrace.sendmail.EnvelopeLines.delivery;
import static dev.mailtrace.sendmail.EnvelopeLines.from;
import static dev.mailtrace.sendmail.EnvelopeLines.keyEnd;
import static dev.mailtrace.sendmail.EnvelopeLines.keyValueLine;
import static dev.mailtrace.sendmail.EnvelopeLines.next;
import static dev.mailtrace.sendmail.EnvelopeLines.ruleset;
import static dev.mailtrace.sendmail.EnvelopeLines.valueEnd;
import static dev.mailtrace.sendmail.MilterLines.milter;
import static dev.mailtrace.sendmail.MilterLines.milterEq;
import static dev.mailtrace.sendmail.MilterLines.milterFunction;
import static dev.mailtrace.sendmail.Peers.peer;
import static dev.mailtrace.sendmail.Peers.skipSpaces;
import static dev.mailtrace.sendmail.SessionLines.addressError;
import static dev.mailtrace.sendmail.SessionLines.clientLine;
import static dev.mailtrace.sendmail.SessionLines.collect;
import static dev.mailtrace.sendmail.SessionLines.collectFrom;
import static dev.mailtrace.sendmail.SessionLines.echo;
import static dev.mailtrace.sendmail.SessionLines.invalidDomain;
import static dev.mailtrace.sendmail.SessionLines.lostInput;
import static dev.mailtrace.sendmail.SessionLines.messageSize;
import static dev.mailtrace.sendmail.SessionLines.pregreet;
import static dev.mailtrace.sendmail.SessionLines.quotedCommand;
import static dev.mailtrace.sendmail.SessionLines.tcpwrappers;
import static dev.mailtrace.sendmail.SessionLines.tempfailedCommand;
import static dev.mailtrace.sendmail.SessionLines.timeout;
import static dev.mailtrace.sendmail.TlsAuthLines.auth;
import static dev.mailtrace.sendmail.TlsAuthLines.authFailure;
import static dev.mailtrace.sendmail.TlsAuthLines.starttls;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The sendmail line scanner: reads the optional queue id prefix ({@code pBFERI8l019936: },
 * {@code NOQUEUE: }, or a split line's {@code id[n]: }), dispatches on the message's first byte and
 * leading literal, then reads the fields with hand-written byte scanning. Stateless; every method
 * is static and allocates only the event and its strings.
 *
 * <p>Formats follow sendmail 8.12–8.18's own sources: deliver.c ({@code logdelivery}), headers.c
 * ({@code logsender}), savemail.c ({@code returntosender}), parseaddr.c ({@code rscheck}),
 * srvrsmtp.c, collect.c, usersmtp.c, tls.c, milter.c, err.c, envelope.c, conf.c
 * ({@code sm_syslog}'s splitting), main.c, alias.c; and the variants real logs show.
 *
 * <p>The line families are read by {@link EnvelopeLines} ({@code from=}, {@code to=},
 * {@code ruleset=}), {@link SessionLines}, {@link TlsAuthLines} and {@link MilterLines}; this class
 * keeps the queue ids, the dispatch, the DSN/clone lines and the daemon's own.
 */
final class SendmailParser {

    private SendmailParser() {
    }

    private static final byte[] NOQUEUE = ascii("NOQUEUE");
    private static final byte[] FROM_EQ = ascii("from=");
    private static final byte[] TO_EQ = ascii("to=");
    private static final byte[] RULESET_EQ = ascii("ruleset=");
    private static final byte[] DISCARDED = ascii("discarded");
    private static final byte[] DSN_ = ascii("DSN: ");
    private static final byte[] RETURN_TO_SENDER = ascii("return to sender: ");
    private static final byte[] SENDER_NOTIFY = ascii("sender notify: ");
    private static final byte[] POSTMASTER_NOTIFY = ascii("postmaster notify: ");
    private static final byte[] CLONE_OWNER = ascii("clone: owner=");
    private static final byte[] CONNECT_FROM = ascii("connect from ");
    private static final byte[] LOST_INPUT = ascii("lost input channel from ");
    private static final byte[] TIMEOUT_WAITING = ascii("timeout waiting for input from ");
    private static final byte[] REJECTING_COMMANDS = ascii("rejecting commands from ");
    private static final byte[] TCPWRAPPERS = ascii("tcpwrappers (");
    private static final byte[] UNAUTHORIZED_PIPELINING = ascii("unauthorized PIPELINING, sleeping, relay=");
    private static final byte[] INVALID_DOMAIN = ascii("invalid domain name (");
    private static final byte[] SMTP_ = ascii("SMTP ");
    private static final byte[] TEMPFAILED = ascii(" tempfailed");
    private static final byte[] ECHO = ascii("<-- ");
    private static final byte[] COLLECT_ = ascii("collect: ");
    private static final byte[] HEADER_OVERFLOW = ascii("header overflow from ");
    private static final byte[] HEADERS_TOO_LARGE = ascii("headers too large (");
    private static final byte[] MAX_FROM = ascii(" max) from ");
    private static final byte[] MESSAGE_SIZE = ascii("message size (");
    private static final byte[] STARTTLS = ascii("STARTTLS");
    private static final byte[] AUTH = ascii("AUTH");
    private static final byte[] AUTH_FAILURE = ascii("AUTH failure (");
    private static final byte[] MILTER = ascii("Milter");
    private static final byte[] MILTER_EQ = ascii("milter=");
    private static final byte[] MILTER_US = ascii("milter_");
    private static final byte[] SYSERR = ascii("SYSERR");
    private static final byte[] DONE = ascii("done");
    private static final byte[] QUARANTINE_EQ = ascii("quarantine=");
    private static final byte[] UNQUARANTINE = ascii("unquarantine");
    private static final byte[] ALIAS_ = ascii("alias ");
    private static final byte[] FORWARD_ = ascii("forward ");
    private static final byte[] ARROW = ascii(" => ");
    private static final byte[] STARTING_DAEMON = ascii("starting daemon (");
    private static final byte[] STOPPING_DAEMON = ascii("stopping daemon");
    private static final byte[] RESTARTING_ = ascii("restarting ");
    private static final byte[] REJECTING_CONNECTIONS = ascii("rejecting connections on daemon ");
    private static final byte[] HAVE_BEEN_REJECTING = ascii("have been rejecting connections on daemon ");
    private static final byte[] ACCEPTING_CONNECTIONS = ascii("accepting connections again for daemon ");
    private static final byte[] REJECTING_MESSAGES = ascii("rejecting new messages: ");
    private static final byte[] ACCEPTING_MESSAGES = ascii("accepting new messages");
    private static final byte[] ALIASES_LONGEST = ascii(" aliases, longest ");
    private static final byte[] COLON_SP = ascii(": ");
    private static final byte[] COMMA_SP = ascii(", ");
    private static final byte[] REASON_EQ = ascii("reason=");
    private static final byte[] SP_DOTS = ascii(" ...");
    private static final byte[] SP_FOR_ = ascii(" for ");

    /** Leading phrases of sendmail lines that carry no fields of their own. */
    private static final byte[][] NOTICES = {ascii("Saved message in "), ascii("SMTP outgoing connect on "),
        ascii("Authentication-Warning: "), ascii("alias database "), ascii("Warning: "), ascii("WARNING: "),
        ascii("split: "), ascii("grew WorkList for "), ascii("WorkList for "), ascii("runqueue"), ascii("low on space"),
        ascii("too young"), ascii("assigned id"), ascii("setsender: "), ascii("cannot prescan from"),
        ascii("aliasing/forwarding loop broken"), ascii("deferred: udbexpand"), ascii("include "),
        ascii("queued (user database error)"), ascii("dropenvelope"), ascii("sync_dir"), ascii("hostsignature"),
        ascii("Timeout.to_aconnect"), ascii("clt_features="), ascii("ERROR"), ascii("rcpt="), ascii("delaying="),
        ascii("finis, pid="), ascii("in background"), ascii("disconnect level"), ascii("My unqualified host name"),
        ascii("unable to qualify"), ascii("user "), ascii("Losing "), ascii("bogus queue file"), ascii("forward "),
        ascii("--- "), ascii("tls_server_features"), ascii("tls_client_features"), ascii("rscheck("),
        ascii("gethostbyaddr("), ascii("makeconnection"), ascii("can't "), ascii("Could not remove"), ascii("daemon "),
        ascii("persistent queue runner"), ascii("queue control process"), ascii("sendenvelope"), ascii("smtpquit: "),
        ascii("server="), ascii("str_union"), ascii("filesys_update"), ascii("dangerous permissions"), ascii("queueup"),
        ascii("proxy mode"), ascii("smtp: "), ascii("Sending \""), ascii("AUTH"), ascii("timeout connecting to"),
        ascii("dns "), ascii("ldap="), ascii("possible spam from <>"), ascii("unlock"), ascii("changed"),
        ascii("FAILED to grow"), ascii("restart queue runner"), ascii("dowork"), ascii("rqe: "), ascii("rq: "),
        ascii("*** "), ascii("interrupt"), ascii("accepting connections"), ascii("set automode"), ascii("fcntl(")};

    /**
     * Parses one sendmail message {@code b[s, e)} (after the syslog header).
     *
     * @return whether it was recognised; an event has then been given to {@code out}
     */
    static boolean parse(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        if (s < 0 || e > b.length || s >= e) {
            return false;
        }
        String qid = null;
        int p = s;
        int q = queueIdEnd(b, s, e);
        if (q < 0 && at(b, s, e, NOQUEUE) && s + NOQUEUE.length < e
                && (b[s + NOQUEUE.length] == ':' || b[s + NOQUEUE.length] == '[')) {
            q = s + NOQUEUE.length;
        }
        if (q > 0) {
            boolean noqueue = q - s == NOQUEUE.length && at(b, s, e, NOQUEUE);
            if (b[q] == '[') {
                return fragment(noqueue ? null : str(b, s, q), b, q, e, out);
            }
            if (q + 1 >= e || b[q + 1] != ' ') {
                return false;
            }
            qid = noqueue ? null : str(b, s, q);
            p = q + 2;
            if (p >= e) {
                return false;
            }
        }
        return body(qid, b, p, e, out);
    }

    /**
     * The index of the {@code :} or {@code [} after a sendmail queue id at {@code p}, or -1. Sendmail
     * 8.12+ ids are 8 characters of time and sequence ({@code [0-9A-Za-x]}) and the pid in at least
     * 5 digits ({@code pBFERI8l019936}, {@code xA32R2PQ3529565}); 8.9–8.11 ids are 3 letters and 5
     * digits ({@code KAA12345}).
     */
    static int queueIdEnd(byte[] b, int p, int e) {
        int limit = Math.min(e, p + 21);
        int i = p;
        int lastLetter = -1; // the last non-digit of the run
        while (i < limit) {
            byte c = b[i];
            if (!Bytes.isAlnum(c)) {
                break;
            }
            if (c > '9') {
                lastLetter = i;
            }
            i++;
        }
        int n = i - p;
        if (n < 8 || n > 20 || i >= e || (b[i] != ':' && b[i] != '[')) {
            return -1;
        }
        if (n >= 13) {
            return lastLetter < p + 8 ? i : -1;
        }
        if (n <= 9 && isUpper(b[p]) && isUpper(b[p + 1]) && isUpper(b[p + 2]) && lastLetter < p + 3) {
            return i;
        }
        return -1;
    }

    private static boolean fragment(String qid, byte[] b, int q, int e, Consumer<? super LogEvent> out) {
        int d = Bytes.digits(b, q + 1, e);
        if (d == q + 1 || d + 2 > e || b[d] != ']' || b[d + 1] != ':') {
            return false;
        }
        int part = Bytes.integer(b, q + 1, d);
        int t = d + 2 < e && b[d + 2] == ' ' ? d + 3 : d + 2;
        int te = endsWith(b, t, e, SP_DOTS) ? e - 4 : e;
        out.accept(new Fragment(qid, part, str(b, t, Math.max(t, te))));
        return true;
    }

    private static boolean body(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        switch (b[p]) {
            case 'f':
                if (at(b, p, e, FROM_EQ)) {
                    return from(qid, b, p, e, out);
                }
                if (at(b, p, e, FORWARD_) && find(b, p, e, ARROW) > 0) {
                    return alias(qid, "forward", b, p + FORWARD_.length, e, out);
                }
                break;
            case 't':
                if (at(b, p, e, TO_EQ)) {
                    return delivery(qid, b, p, e, out);
                }
                if (at(b, p, e, TIMEOUT_WAITING)) {
                    return timeout(qid, b, p + TIMEOUT_WAITING.length, e, out);
                }
                if (at(b, p, e, TCPWRAPPERS)) {
                    return tcpwrappers(qid, b, p + TCPWRAPPERS.length, e, out);
                }
                break;
            case 'r':
                if (at(b, p, e, RULESET_EQ)) {
                    return ruleset(qid, b, p, e, out);
                }
                if (at(b, p, e, REJECTING_COMMANDS)) {
                    return pregreet(qid, b, p + REJECTING_COMMANDS.length, e, out);
                }
                if (at(b, p, e, REJECTING_CONNECTIONS)) {
                    return daemonNamed("rejecting_connections", b, p + REJECTING_CONNECTIONS.length, e, out);
                }
                if (at(b, p, e, REJECTING_MESSAGES)) {
                    out.accept(new Daemon("rejecting_messages", null, null, str(b, p + REJECTING_MESSAGES.length, e)));
                    return true;
                }
                if (at(b, p, e, RESTARTING_)) {
                    out.accept(new Daemon("restarting", null, null, str(b, p + RESTARTING_.length, e)));
                    return true;
                }
                break;
            case 'h':
                if (at(b, p, e, HEADER_OVERFLOW)) {
                    return collectFrom(qid, "header overflow", -1, b, p + HEADER_OVERFLOW.length, e, out);
                }
                if (at(b, p, e, HEADERS_TOO_LARGE)) {
                    int m = find(b, p, e, MAX_FROM);
                    if (m < 0) {
                        return false;
                    }
                    long max = Bytes.number(b, p + HEADERS_TOO_LARGE.length, m);
                    return collectFrom(qid, "headers too large", max, b, m + MAX_FROM.length, e, out);
                }
                if (at(b, p, e, HAVE_BEEN_REJECTING)) {
                    return daemonNamed("rejecting_connections", b, p + HAVE_BEEN_REJECTING.length, e, out);
                }
                break;
            case 'l':
                if (at(b, p, e, LOST_INPUT)) {
                    return lostInput(qid, b, p + LOST_INPUT.length, e, out);
                }
                break;
            case 'c':
                if (at(b, p, e, COLLECT_)) {
                    return collect(qid, b, p + COLLECT_.length, e, out);
                }
                if (at(b, p, e, CONNECT_FROM)) {
                    int pe = skipSpaces(b, p + CONNECT_FROM.length, e);
                    if (pe >= e) {
                        return false;
                    }
                    out.accept(new Connect(peer(b, pe, e)));
                    return true;
                }
                break;
            case 'd':
                if (at(b, p, e, DONE) && (p + DONE.length == e || b[p + DONE.length] == ';')) {
                    return done(qid, b, p + DONE.length, e, out);
                }
                if (is(b, p, e, DISCARDED) && qid != null) {
                    out.accept(new Discarded(qid));
                    return true;
                }
                break;
            case 'q':
                if (at(b, p, e, QUARANTINE_EQ)) {
                    out.accept(new Quarantine(qid, str(b, p + QUARANTINE_EQ.length, e)));
                    return true;
                }
                break;
            case 'u':
                if (is(b, p, e, UNQUARANTINE)) {
                    out.accept(new Quarantine(qid, null));
                    return true;
                }
                if (at(b, p, e, UNAUTHORIZED_PIPELINING)) {
                    int ps = p + UNAUTHORIZED_PIPELINING.length;
                    out.accept(new SmtpAbuse(qid, "unauthorized PIPELINING", ps < e ? peer(b, ps, e) : null, null, -1,
                            null));
                    return true;
                }
                break;
            case 'i':
                if (at(b, p, e, INVALID_DOMAIN)) {
                    return invalidDomain(qid, b, p + INVALID_DOMAIN.length, e, out);
                }
                break;
            case 'a':
                if (at(b, p, e, ALIAS_) && find(b, p, e, ARROW) > 0) {
                    return alias(qid, "alias", b, p + ALIAS_.length, e, out);
                }
                if (at(b, p, e, ACCEPTING_CONNECTIONS)) {
                    out.accept(new Daemon("accepting_connections",
                            Words.of(b, p + ACCEPTING_CONNECTIONS.length, e), null, null));
                    return true;
                }
                if (at(b, p, e, ACCEPTING_MESSAGES)) {
                    out.accept(new Daemon("accepting_messages", null, null, null));
                    return true;
                }
                break;
            case 's':
                if (at(b, p, e, STARTING_DAEMON)) {
                    return startingDaemon(b, p + STARTING_DAEMON.length, e, out);
                }
                if (at(b, p, e, STOPPING_DAEMON)) {
                    int r = p + STOPPING_DAEMON.length;
                    if (at(b, r, e, COMMA_SP)) {
                        r += 2;
                    }
                    if (at(b, r, e, REASON_EQ)) {
                        r += REASON_EQ.length;
                    }
                    out.accept(new Daemon("stopping", null, null, r < e ? str(b, r, e) : null));
                    return true;
                }
                break;
            case '<':
                if (at(b, p, e, ECHO)) {
                    return echo(qid, b, p + ECHO.length, e, out);
                }
                return addressError(qid, b, p, e, out);
            case 'M':
                if (at(b, p, e, MILTER)) {
                    return milter(qid, b, p, e, out);
                }
                break;
            case 'm':
                if (at(b, p, e, MILTER_EQ)) {
                    return milterEq(qid, b, p + MILTER_EQ.length, e, out);
                }
                if (at(b, p, e, MILTER_US)) {
                    return milterFunction(qid, b, p, e, out);
                }
                if (at(b, p, e, MESSAGE_SIZE)) {
                    return messageSize(qid, b, p + MESSAGE_SIZE.length, e, out);
                }
                break;
            case 'S':
                if (at(b, p, e, STARTTLS)) {
                    return starttls(qid, b, p + STARTTLS.length, e, out);
                }
                if (at(b, p, e, SYSERR)) {
                    return syserr(qid, b, p + SYSERR.length, e, out);
                }
                if (at(b, p, e, SMTP_) && find(b, p, e, TEMPFAILED) > 0) {
                    if (tempfailedCommand(qid, b, p + SMTP_.length, e, out)) {
                        return true;
                    }
                }
                break;
            case 'A':
                if (at(b, p, e, AUTH_FAILURE)) {
                    return authFailure(qid, b, p + AUTH_FAILURE.length, e, out);
                }
                if (at(b, p, e, AUTH) && p + AUTH.length < e && b[p + AUTH.length] == '=') {
                    if (auth(qid, b, p + AUTH.length + 1, e, out)) {
                        return true;
                    }
                }
                break;
            case '"':
                return quotedCommand(qid, b, p, e, out);
            case '/':
                if (find(b, p, e, ALIASES_LONGEST) > 0) {
                    out.accept(new Notice(qid, str(b, p, e)));
                    return true;
                }
                break;
            default:
                break;
        }
        int q = queueIdEnd(b, p, e);
        if (q > 0 && at(b, q, e, COLON_SP)) {
            return secondQueueId(qid, b, p, q, e, out);
        }
        if (isLower(b[p]) && keyEnd(b, p, e) > 0 && keyValueLine(qid, b, p, e, out)) {
            return true;
        }
        return clientLine(qid, b, p, e, out) || addressError(qid, b, p, e, out) || notice(qid, b, p, e, out);
    }

    private static boolean notice(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        for (byte[] n : NOTICES) {
            if (at(b, p, e, n)) {
                out.accept(new Notice(qid, str(b, p, e)));
                return true;
            }
        }
        return false;
    }

    private static boolean secondQueueId(String qid, byte[] b, int p, int q, int e, Consumer<? super LogEvent> out) {
        int r = q + 2;
        String notification;
        int m;
        if (at(b, r, e, DSN_)) {
            notification = "DSN";
            m = r + DSN_.length;
        } else if (at(b, r, e, RETURN_TO_SENDER)) {
            notification = "return to sender";
            m = r + RETURN_TO_SENDER.length;
        } else if (at(b, r, e, SENDER_NOTIFY)) {
            notification = "sender notify";
            m = r + SENDER_NOTIFY.length;
        } else if (at(b, r, e, POSTMASTER_NOTIFY)) {
            notification = "postmaster notify";
            m = r + POSTMASTER_NOTIFY.length;
        } else if (at(b, r, e, CLONE_OWNER)) {
            if (qid == null) {
                return false;
            }
            out.accept(new Clone(qid, str(b, p, q), address(b, r + CLONE_OWNER.length, e)));
            return true;
        } else {
            return false;
        }
        if (qid == null) {
            return false;
        }
        Dsn d = new Dsn(qid, str(b, p, q), notification, str(b, m, e));
        out.accept(d.expired() ? new ExpiryDsn(d) : d);
        return true;
    }

    private static boolean done(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        if (qid == null) {
            return false;
        }
        double delay = Double.NaN;
        int tries = -1;
        if (p < e) {
            p = skipSpaces(b, p + 1, e);
            while (p < e) {
                int k = keyEnd(b, p, e);
                if (k < 0) {
                    break;
                }
                int v = k + 1;
                int ve = valueEnd(b, v, e);
                switch (Keys.of(b, p, k)) {
                    case Keys.DELAY -> delay = Bytes.interval(b, v, ve);
                    case Keys.NTRIES -> tries = Bytes.integer(b, v, ve);
                    default -> { }
                }
                p = next(ve, e);
            }
        }
        out.accept(new Done(qid, delay, tries));
        return true;
    }

    private static boolean syserr(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        String user = null;
        int r = p;
        if (r < e && b[r] == '(') {
            int close = find(b, r, e, (byte) ')');
            if (close < 0) {
                return false;
            }
            user = str(b, r + 1, close);
            r = close + 1;
        }
        if (!at(b, r, e, COLON_SP)) {
            return false;
        }
        out.accept(new Syserr(qid, user, str(b, r + 2, e)));
        return true;
    }

    private static boolean alias(String qid, String kind, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int a = find(b, p, e, ARROW);
        if (a <= p) {
            return false;
        }
        out.accept(new Alias(qid, kind, str(b, p, a), str(b, a + ARROW.length, e)));
        return true;
    }

    private static boolean startingDaemon(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int close = find(b, p, e, (byte) ')');
        if (close < 0) {
            return false;
        }
        int d = close + 1;
        if (at(b, d, e, COLON_SP)) {
            d += 2;
        }
        out.accept(new Daemon("starting", null, str(b, p, close), d < e ? str(b, d, e) : null));
        return true;
    }

    /** {@code rejecting connections on daemon MTA: load average: 40}, {@code ... for 00:10:00}. */
    private static boolean daemonNamed(String action, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int c = find(b, p, e, COLON_SP);
        int f = find(b, p, e, SP_FOR_);
        int ne = c >= 0 ? c : f >= 0 ? f : e;
        if (ne <= p) {
            return false;
        }
        String detail = c >= 0 ? str(b, c + 2, e) : f >= 0 ? str(b, f + 1, e) : null;
        out.accept(new Daemon(action, Words.of(b, p, ne), null, detail));
        return true;
    }
}
