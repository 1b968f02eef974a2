package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.findLast;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.isDigit;
import static dev.mailtrace.postfix.Bytes.str;

import java.util.function.Consumer;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.LogEvent;

/**
 * The postfix line scanner: dispatches on the message's first byte, its queue id and leading
 * literal, then reads the fields with hand-written byte scanning. Stateless; every method is
 * static and allocates only the event and its strings.
 *
 * <p>Formats follow postfix's own sources (smtpd.c, smtpd_check.c, log_adhoc.c, qmgr_active.c,
 * cleanup_message.c, cleanup_milter.c, tls_misc.c, postscreen*.c, anvil.c, scache.c, ...) of 2.x
 * to 3.x, and the variants real logs show.
 */
final class PostfixParser {

    private PostfixParser() {
    }

    // level prefixes
    private static final byte[] WARNING_ = ascii("warning: ");
    private static final byte[] FATAL_ = ascii("fatal: ");
    private static final byte[] PANIC_ = ascii("panic: ");
    private static final byte[] ERROR_ = ascii("error: ");
    private static final byte[] NOQUEUE = ascii("NOQUEUE");

    // queue id lines
    private static final byte[] TO_EQ = ascii("to=");
    private static final byte[] FROM_LT = ascii("from=<");
    private static final byte[] CLIENT_EQ = ascii("client=");
    private static final byte[] MESSAGE_ID_EQ = ascii("message-id=");
    private static final byte[] RESENT_MESSAGE_ID_EQ = ascii("resent-message-id=");
    private static final byte[] REMOVED = ascii("removed");
    private static final byte[] REQUEUED = ascii("requeued");
    private static final byte[] RELEASED_FROM_HOLD = ascii("released from hold");
    private static final byte[] PLACED_ON_HOLD = ascii("placed on hold");
    private static final byte[] EXPIRED = ascii("expired");
    private static final byte[] UID_EQ = ascii("uid=");
    private static final byte[] SENDER_ = ascii("sender ");
    private static final byte[] POSTMASTER_ = ascii("postmaster ");
    private static final byte[] NOTIFICATION_ = ascii(" notification: ");
    private static final byte[] SKIPPED = ascii("skipped, still being delivered");
    private static final byte[] HOST_ = ascii("host ");
    private static final byte[] SAID_ = ascii(" said: ");
    private static final byte[] REFUSED_ = ascii(" refused to talk to me: ");
    private static final byte[] OFFERS_SMTPUTF8 = ascii(" offers SMTPUTF8 support, but not 8BITMIME");
    private static final byte[] IN_REPLY_TO = ascii(" (in reply to ");
    private static final byte[] COMMAND_PAREN = ascii(" command)");
    private static final byte[] LOST_CONNECTION_WITH = ascii("lost connection with ");
    private static final byte[] CONVERSATION_WITH = ascii("conversation with ");
    private static final byte[] TIMED_OUT = ascii(" timed out");
    private static final byte[] WHILE_ = ascii(" while ");
    private static final byte[] SENDING_ = ascii("sending ");
    private static final byte[] SASL_AUTH_FAILED_SERVER = ascii("SASL authentication failed; server ");
    private static final byte[] SASL_CACHED_AUTH_FAILED_SERVER = ascii("SASL [CACHED] authentication failed; server ");
    private static final byte[] ENABLING_PIX = ascii("enabling PIX workarounds: ");
    private static final byte[] FOR_ = ascii(" for ");
    private static final byte[] TLS_REQUIRED = ascii("TLS is required, but was not offered by host ");
    private static final byte[] CANNOT_START_TLS = ascii("Cannot start TLS: ");
    private static final byte[] SERVER_CERT_NOT_VERIFIED = ascii("Server certificate not verified");
    private static final byte[] BREAKING_LINE = ascii("breaking line > ");
    private static final byte[] SIZE_EQ = ascii("size=");
    private static final byte[] NRCPT_EQ = ascii("nrcpt=");
    private static final byte[] STATUS_EQ = ascii("status=");
    private static final byte[] ORIG_ID_EQ = ascii("orig_id=");

    // smtpd
    private static final byte[] CONNECT_FROM = ascii("connect from ");
    private static final byte[] CONNECT_TO = ascii("connect to ");
    private static final byte[] DISCONNECT_FROM = ascii("disconnect from ");
    private static final byte[] LOST_CONNECTION = ascii("lost connection");
    private static final byte[] TIMEOUT = ascii("timeout");
    private static final byte[] TOO_MANY_ERRORS = ascii("too many errors");
    private static final byte[] BARE_LF = ascii("bare <LF> received");
    private static final byte[] AFTER_ = ascii(" after ");
    private static final byte[] FROM_ = ascii(" from ");
    private static final byte[] APPROXIMATELY = ascii("approximately ");
    private static final byte[] IMPROPER_PIPELINING = ascii("improper command pipelining after ");
    private static final byte[] SSL_ACCEPT_ERROR_FROM = ascii("SSL_accept error from ");
    private static final byte[] SSL_CONNECT_ERROR_TO = ascii("SSL_connect error to ");
    private static final byte[] PROXY_ = ascii("proxy-");
    private static final byte[] DISCARDING_EHLO = ascii("discarding EHLO keywords: ");
    private static final byte[] SETTING_UP_TLS = ascii("setting up TLS connection ");
    private static final byte[] CERT_VERIFICATION_FAILED = ascii("certificate verification failed for ");
    private static final byte[] SERVER_CERT_VERIFICATION_FAILED = ascii("server certificate verification failed for ");
    private static final byte[] TLS_HANDSHAKE_FAILED = ascii("TLS handshake failed for ");
    private static final byte[] HOST_OFFERED_STARTTLS = ascii("Host offered STARTTLS: [");
    private static final byte[] MILTER_ = ascii("milter-");
    private static final byte[] HEADER_ = ascii("header-");
    private static final byte[] BODY_ = ascii("body-");
    private static final byte[] END_OF_MESSAGE = ascii("END-OF-MESSAGE");
    private static final byte[] SERVICE_UNAVAILABLE = ascii("Service unavailable; ");
    private static final byte[] BLOCKED_USING = ascii("blocked using ");
    private static final byte[] QUEUED_AS_ = ascii("queued as ");
    private static final byte[] SAVED = ascii(" Saved");
    private static final byte[] FORWARDED_AS = ascii("forwarded as ");
    private static final byte[] MESSAGE_ACCEPTED = ascii(" Message accepted for delivery");
    private static final byte[] OK_ID = ascii("OK id=");

    // TLS summary
    private static final byte[] TLS_CONNECTION_ = ascii("TLS connection ");
    private static final byte[] ESTABLISHED_ = ascii("established ");
    private static final byte[] REUSED_ = ascii("reused ");
    private static final byte[] TO_ = ascii("to ");
    private static final byte[] FROM_SP = ascii("from ");
    private static final byte[] WITH_CIPHER = ascii(" with cipher ");
    private static final byte[] BITS_PAREN = ascii(" bits)");
    private static final byte[] BITS = ascii(" bits");
    private static final byte[] RAW_PUBLIC_KEY = ascii(" raw public key");
    private static final byte[] KEY_EXCHANGE = ascii(" key-exchange ");
    private static final byte[] SERVER_SIGNATURE = ascii(" server-signature ");
    private static final byte[] SERVER_DIGEST = ascii(" server-digest ");
    private static final byte[] CLIENT_SIGNATURE = ascii(" client-signature ");
    private static final byte[] CLIENT_DIGEST = ascii(" client-digest ");
    private static final byte[][] TRUST = {ascii("Anonymous "), ascii("Untrusted "), ascii("Trusted "), ascii("Verified ")};

    // postscreen, tlsproxy
    private static final byte[] CONNECT_ = ascii("CONNECT ");
    private static final byte[] DISCONNECT_ = ascii("DISCONNECT ");
    private static final byte[] SP_TO_ = ascii(" to ");
    private static final byte[] IN_ = ascii(" in ");
    private static final byte[] RANK_ = ascii(" rank ");
    private static final byte[][] PS_ACCESS = {ascii("PASS NEW "), ascii("PASS OLD "), ascii("WHITELISTED "),
        ascii("ALLOWLISTED "), ascii("BLACKLISTED "), ascii("DENYLISTED "), ascii("WHITELIST VETO "),
        ascii("ALLOWLIST VETO ")};
    private static final byte[][] PS_VIOLATION = {ascii("PREGREET"), ascii("HANGUP"), ascii("DNSBL"),
        ascii("COMMAND PIPELINING"), ascii("NON-SMTP COMMAND"), ascii("BARE NEWLINE"), ascii("COMMAND TIME LIMIT"),
        ascii("COMMAND COUNT LIMIT"), ascii("COMMAND LENGTH LIMIT"), ascii("DATA without valid RCPT"),
        ascii("BDAT without valid RCPT")};
    private static final byte[] REJECT_CONNECT_FROM = ascii("reject: connect from ");
    private static final byte[] CACHE_ = ascii("cache ");
    private static final byte[] CLEANUP_RETAINED = ascii(" cleanup: retained=");
    private static final byte[] DROPPED_ = ascii(" dropped=");

    // anvil, scache, dnsblog, master, postsuper, misc
    private static final byte[] STATISTICS_ = ascii("statistics: ");
    private static final byte[] MAX_ = ascii("max ");
    private static final byte[] CACHE_SIZE_ = ascii("cache size ");
    private static final byte[] SIMULTANEOUS_DOMAINS = ascii("max simultaneous domains=");
    private static final byte[] ADDRESSES_EQ = ascii(" addresses=");
    private static final byte[] CONNECTION_EQ = ascii(" connection=");
    private static final byte[] START_INTERVAL = ascii("start interval ");
    private static final byte[] LOOKUP_HITS = ascii(" lookup hits=");
    private static final byte[] MISS_EQ = ascii(" miss=");
    private static final byte[] SUCCESS_EQ = ascii(" success=");
    private static final byte[] RATE_ = ascii(" rate ");
    private static final byte[] COUNT_ = ascii(" count ");
    private static final byte[] AT_ = ascii(" at ");
    private static final byte[][] ANVIL_NAMES = {ascii("connection"), ascii("message"), ascii("recipient"),
        ascii("newtls"), ascii("auth"), ascii("tlstrace")};
    private static final byte[] ADDR_ = ascii("addr ");
    private static final byte[] LISTED_BY_DOMAIN = ascii(" listed by domain ");
    private static final byte[] AS_ = ascii(" as ");
    private static final byte[] DAEMON_STARTED = ascii("daemon started");
    private static final byte[] RELOAD = ascii("reload");
    private static final byte[] VERSION_ = ascii(" -- version ");
    private static final byte[] CONFIGURATION_ = ascii(", configuration ");
    private static final byte[] TERMINATING_ON_SIGNAL = ascii("terminating on signal ");
    private static final byte[] MASTER_EXIT = ascii("master exit time has arrived");
    private static final byte[] TABLE_ = ascii("table ");
    private static final byte[] HAS_CHANGED = ascii(" has changed -- ");
    private static final byte[] POSTFIX_MAIL_SYSTEM = ascii("the Postfix mail system");
    private static final byte[] MESSAGE_ = ascii(" message");
    private static final byte[][] POSTSUPER_SUMMARY = {ascii("Deleted: "), ascii("Requeued: "), ascii("Placed on hold: "),
        ascii("Released from hold: "), ascii("Force-expired: "), ascii("Expired: "),
        ascii("Renamed to match inode number: ")};
    private static final byte[] SASL_ = ascii("SASL ");
    private static final byte[] AUTHENTICATION_FAILED = ascii(" authentication failed");
    private static final byte[] SASL_USERNAME_PART = ascii(", sasl_username=");
    private static final byte[] HOSTNAME_ = ascii("hostname ");
    private static final byte[] DOES_NOT_RESOLVE = ascii(" does not resolve to address ");
    private static final byte[] ADDRESS_NOT_LISTED = ascii(": address not listed for hostname ");
    private static final byte[] COLON_HOSTNAME = ascii(": hostname ");
    private static final byte[] COLON_SP = ascii(": ");
    private static final byte[] SEMI_SP = ascii("; ");

    private static final String ACCEPT = "accept";

    /**
     * Parses one postfix message {@code b[s, e)} (after the syslog header).
     *
     * @return whether it was recognised; an event has then been given to {@code out}
     */
    static boolean parse(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        if (s < 0 || e > b.length || s >= e) {
            return false;
        }
        int q = queueIdEnd(b, s, e);
        if (q > 0) {
            return queueLine(b, s, q, q + 2, e, out);
        }
        switch (b[s]) {
            case 'w':
                if (at(b, s, e, WARNING_)) {
                    return warning("warning", b, s + WARNING_.length, e, out);
                }
                return notice(b, s, e, POSTFIX_MAIL_SYSTEM, out);
            case 'f':
                return at(b, s, e, FATAL_) && warning("fatal", b, s + FATAL_.length, e, out);
            case 'p':
                if (at(b, s, e, PANIC_)) {
                    return warning("panic", b, s + PANIC_.length, e, out);
                }
                return at(b, s, e, PROXY_) && proxy(b, s + PROXY_.length, e, out);
            case 'e':
                return at(b, s, e, ERROR_) && warning("error", b, s + ERROR_.length, e, out);
            case 'c':
                if (at(b, s, e, CONNECT_FROM)) {
                    return connect(b, s + CONNECT_FROM.length, e, out);
                }
                if (at(b, s, e, CONNECT_TO)) {
                    return connectError(b, s + CONNECT_TO.length, e, out);
                }
                if (at(b, s, e, CACHE_)) {
                    return cacheCleanup(b, s + CACHE_.length, e, out);
                }
                return at(b, s, e, CERT_VERIFICATION_FAILED)
                        && tlsError("certificate verification failed", b, s + CERT_VERIFICATION_FAILED.length, e, out);
            case 'd':
                if (at(b, s, e, DISCONNECT_FROM)) {
                    return disconnect(b, s + DISCONNECT_FROM.length, e, out);
                }
                if (at(b, s, e, DISCARDING_EHLO)) {
                    out.accept(new EhloKeywordsDiscarded(null, str(b, s + DISCARDING_EHLO.length, e)));
                    return true;
                }
                return at(b, s, e, DAEMON_STARTED) && master(b, s, e, out);
            case 'l':
                return at(b, s, e, LOST_CONNECTION) && lostConnection(null, b, s, e, out);
            case 't':
                if (at(b, s, e, TIMEOUT) || at(b, s, e, TOO_MANY_ERRORS)) {
                    return lostConnection(null, b, s, e, out);
                }
                if (at(b, s, e, TERMINATING_ON_SIGNAL)) {
                    return master(b, s, e, out);
                }
                if (at(b, s, e, TABLE_)) {
                    return find(b, s, e, HAS_CHANGED) > 0 && notice(b, s, e, TABLE_, out);
                }
                return notice(b, s, e, POSTFIX_MAIL_SYSTEM, out);
            case 'b':
                return at(b, s, e, BARE_LF) && lostConnection(null, b, s, e, out);
            case 'i':
                return at(b, s, e, IMPROPER_PIPELINING) && improperPipelining(b, s + IMPROPER_PIPELINING.length, e, out);
            case 's':
                if (at(b, s, e, STATISTICS_)) {
                    return statistics(b, s + STATISTICS_.length, e, out);
                }
                if (at(b, s, e, SETTING_UP_TLS)) {
                    return notice(b, s, e, SETTING_UP_TLS, out);
                }
                if (at(b, s, e, SERVER_CERT_VERIFICATION_FAILED)) {
                    return tlsError("server certificate verification failed", b,
                            s + SERVER_CERT_VERIFICATION_FAILED.length, e, out);
                }
                return notice(b, s, e, POSTFIX_MAIL_SYSTEM, out);
            case 'r':
                if (at(b, s, e, RELOAD)) {
                    return master(b, s, e, out);
                }
                if (at(b, s, e, REJECT_CONNECT_FROM)) {
                    return postscreenBusy(b, s + REJECT_CONNECT_FROM.length, e, out);
                }
                return notice(b, s, e, POSTFIX_MAIL_SYSTEM, out);
            case 'a':
                if (at(b, s, e, ADDR_)) {
                    return dnsblog(b, s + ADDR_.length, e, out);
                }
                return notice(b, s, e, POSTFIX_MAIL_SYSTEM, out);
            case 'h':
                return at(b, s, e, HOST_) && hostOffersSmtputf8(b, s + HOST_.length, e, out);
            case 'm':
                return is(b, s, e, MASTER_EXIT) && master(b, s, e, out);
            case 'S':
                if (at(b, s, e, SSL_ACCEPT_ERROR_FROM)) {
                    return sslAcceptError(b, s + SSL_ACCEPT_ERROR_FROM.length, e, out);
                }
                return at(b, s, e, SSL_CONNECT_ERROR_TO)
                        && tlsError("SSL_connect error", b, s + SSL_CONNECT_ERROR_TO.length, e, out);
            case 'T':
                if (at(b, s, e, TLS_HANDSHAKE_FAILED)) {
                    return tlsHandshakeFailed(b, s + TLS_HANDSHAKE_FAILED.length, e, out);
                }
                return tls(b, s, e, out);
            case 'U':
            case 'V':
                return tls(b, s, e, out);
            case 'A':
                return postscreen(b, s, e, out) || tls(b, s, e, out);
            case 'H':
                if (at(b, s, e, HOST_OFFERED_STARTTLS)) {
                    int rb = find(b, s + HOST_OFFERED_STARTTLS.length, e, (byte) ']');
                    out.accept(new StarttlsOffered(str(b, s + HOST_OFFERED_STARTTLS.length, rb < 0 ? e : rb)));
                    return true;
                }
                return postscreen(b, s, e, out);
            case 'C':
                if (at(b, s, e, CONNECT_)) {
                    return upperConnect(b, s + CONNECT_.length, e, out);
                }
                return postscreen(b, s, e, out);
            case 'D':
                if (at(b, s, e, DISCONNECT_)) {
                    return upperDisconnect(b, s + DISCONNECT_.length, e, out);
                }
                return postscreen(b, s, e, out) || postsuperSummary(b, s, e, out);
            case 'P':
            case 'R':
            case 'F':
            case 'E':
                return postscreen(b, s, e, out) || postsuperSummary(b, s, e, out);
            case 'B':
            case 'N':
            case 'W':
                return postscreen(b, s, e, out);
            case '[':
                return postscreenEhlo(b, s, e, out);
            default:
                return false;
        }
    }

    // ------------------------------------------------------------------ queue ids

    /**
     * The index of the colon after a queue id at {@code p} ({@code 4F9D195432C: },
     * {@code 4dFwzS0zFVz3xHS: }, {@code NOQUEUE: }), or -1.
     */
    static int queueIdEnd(byte[] b, int p, int e) {
        int i = p;
        int lastZ = -1;
        boolean hex = true;
        boolean safe = true;
        while (i < e) {
            byte c = b[i];
            if (Bytes.isDigit(c) || (c >= 'A' && c <= 'F')) {
                // hex digit: fine for both forms unless a vowel
                if (c == 'A' || c == 'E') {
                    safe = false;
                }
            } else if (Bytes.isUpper(c) || Bytes.isLower(c)) {
                hex = false;
                if (c == 'z') {
                    lastZ = i;
                } else if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'I' || c == 'O'
                        || c == 'U') {
                    safe = false;
                }
            } else {
                break;
            }
            i++;
        }
        int n = i - p;
        if (n < 5 || i + 1 >= e || b[i] != ':' || b[i + 1] != ' ') {
            return -1;
        }
        if (hex && n >= 6 && n <= 32) {
            return i;
        }
        if (safe && n >= 12 && n <= 40 && lastZ - p >= 10 && lastZ < i - 1) {
            return i;
        }
        return is(b, p, i, NOQUEUE) ? i : -1;
    }

    private static boolean queueLine(byte[] b, int qs, int qe, int p, int e, Consumer<? super LogEvent> out) {
        if (p >= e) {
            return false;
        }
        String qid = is(b, qs, qe, NOQUEUE) ? null : str(b, qs, qe);
        switch (b[p]) {
            case 't':
                if (at(b, p, e, TO_EQ)) {
                    return delivery(qid, b, p, e, out);
                }
                if (at(b, p, e, TIMEOUT) || at(b, p, e, TOO_MANY_ERRORS)) {
                    return lostConnection(qid, b, p, e, out);
                }
                break;
            case 'f':
                if (at(b, p, e, FROM_LT)) {
                    return qmgrFrom(qid, b, p + FROM_LT.length, e, out);
                }
                break;
            case 'c':
                if (at(b, p, e, CLIENT_EQ)) {
                    return smtpdClient(qid, b, p + CLIENT_EQ.length, e, out);
                }
                if (at(b, p, e, CONVERSATION_WITH)) {
                    return conversationTimedOut(qid, b, p + CONVERSATION_WITH.length, e, out);
                }
                break;
            case 'm':
                if (at(b, p, e, MESSAGE_ID_EQ)) {
                    out.accept(new MessageId(qid, messageId(b, p + MESSAGE_ID_EQ.length, e)));
                    return true;
                }
                break;
            case 'r':
                if (at(b, p, e, REMOVED)) {
                    return removed(qid, b, p + REMOVED.length, e, out);
                }
                if (is(b, p, e, REQUEUED) || is(b, p, e, RELEASED_FROM_HOLD)) {
                    out.accept(new Postsuper(qid, Words.of(b, p, e), -1));
                    return true;
                }
                if (at(b, p, e, RESENT_MESSAGE_ID_EQ)) {
                    out.accept(new ResentMessageId(qid, messageId(b, p + RESENT_MESSAGE_ID_EQ.length, e)));
                    return true;
                }
                break;
            case 'u':
                if (at(b, p, e, UID_EQ)) {
                    return pickup(qid, b, p + UID_EQ.length, e, out);
                }
                break;
            case 's':
                if (at(b, p, e, SENDER_)) {
                    return bounce(qid, b, p, p + SENDER_.length - 1, e, out);
                }
                if (is(b, p, e, SKIPPED)) {
                    out.accept(new Skipped(qid));
                    return true;
                }
                break;
            case 'p':
                if (at(b, p, e, POSTMASTER_)) {
                    return bounce(qid, b, p, p + POSTMASTER_.length - 1, e, out);
                }
                if (is(b, p, e, PLACED_ON_HOLD)) {
                    out.accept(new Postsuper(qid, Words.of(b, p, e), -1));
                    return true;
                }
                break;
            case 'h':
                if (at(b, p, e, HOST_)) {
                    return hostSaid(qid, b, p + HOST_.length, e, out);
                }
                break;
            case 'l':
                if (at(b, p, e, LOST_CONNECTION_WITH)) {
                    return lostConnectionWith(qid, b, p + LOST_CONNECTION_WITH.length, e, out);
                }
                if (at(b, p, e, LOST_CONNECTION)) {
                    return lostConnection(qid, b, p, e, out);
                }
                break;
            case 'e':
                if (at(b, p, e, ENABLING_PIX)) {
                    return pix(qid, b, p + ENABLING_PIX.length, e, out);
                }
                if (is(b, p, e, EXPIRED)) {
                    out.accept(new Postsuper(qid, Words.of(b, p, e), -1));
                    return true;
                }
                break;
            case 'b':
                if (at(b, p, e, BREAKING_LINE)) {
                    out.accept(new Notice(qid, str(b, p, e)));
                    return true;
                }
                if (at(b, p, e, BARE_LF)) {
                    return lostConnection(qid, b, p, e, out);
                }
                break;
            case 'S':
                if (at(b, p, e, SASL_AUTH_FAILED_SERVER)) {
                    return saslServerSaid(qid, b, p + SASL_AUTH_FAILED_SERVER.length, e, out);
                }
                if (at(b, p, e, SASL_CACHED_AUTH_FAILED_SERVER)) {
                    return saslServerSaid(qid, b, p + SASL_CACHED_AUTH_FAILED_SERVER.length, e, out);
                }
                if (at(b, p, e, SERVER_CERT_NOT_VERIFIED)) {
                    out.accept(new TlsError(qid, "server certificate not verified", null, null, null));
                    return true;
                }
                break;
            case 'C':
                if (at(b, p, e, CANNOT_START_TLS)) {
                    out.accept(new TlsError(qid, "cannot start TLS", null, null, str(b, p + CANNOT_START_TLS.length, e)));
                    return true;
                }
                break;
            case 'T':
                if (at(b, p, e, TLS_REQUIRED)) {
                    int p2 = p + TLS_REQUIRED.length;
                    out.accept(new TlsError(qid, "TLS required but not offered", relay(b, p2, e), null, null));
                    return true;
                }
                break;
            default:
                break;
        }
        return actionLine(qid, b, p, e, out);
    }

    // ------------------------------------------------------------------ deliveries

    private static final byte[] K_TO = ascii("to");
    private static final byte[] K_ORIG_TO = ascii("orig_to");
    private static final byte[] K_RELAY = ascii("relay");
    private static final byte[] K_CONN_USE = ascii("conn_use");
    private static final byte[] K_DELAY = ascii("delay");
    private static final byte[] K_DELAYS = ascii("delays");
    private static final byte[] K_TLS = ascii("tls");
    private static final byte[] K_DSN = ascii("dsn");
    private static final byte[] K_STATUS = ascii("status");

    private static boolean delivery(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        String to = null;
        String origTo = null;
        Relay relay = null;
        int connUse = -1;
        double delay = Double.NaN;
        double d1 = Double.NaN;
        double d2 = Double.NaN;
        double d3 = Double.NaN;
        double d4 = Double.NaN;
        TlsFeatures tls = null;
        String dsn = null;
        String status = null;
        String response = null;
        String queuedAs = null;
        while (p < e) {
            int eq = p;
            while (eq < e && (Bytes.isLower(b[eq]) || b[eq] == '_')) {
                eq++;
            }
            if (eq == p || eq >= e || b[eq] != '=') {
                return false;
            }
            int v = eq + 1;
            if (is(b, p, eq, K_STATUS)) {
                int we = v;
                while (we < e && b[we] != ' ' && b[we] != ',') {
                    we++;
                }
                status = Words.of(b, v, we);
                if (we + 1 < e && b[we] == ' ' && b[we + 1] == '(') {
                    int re = b[e - 1] == ')' ? e - 1 : e;
                    response = str(b, we + 2, re);
                    queuedAs = queuedAs(b, we + 2, re);
                } else if (we < e && b[we] == ',') {
                    // "status=expired, returned to sender" and the like
                    response = str(b, Math.min(we + 2, e), e);
                }
                break;
            }
            int ve;
            boolean angle = v < e && b[v] == '<';
            if (angle) {
                int gt = closeAngle(b, v + 1, e);
                ve = gt < 0 ? e : gt + 1;
            } else {
                ve = find(b, v, e, (byte) ',');
                if (ve < 0) {
                    ve = e;
                }
            }
            if (is(b, p, eq, K_TO)) {
                to = angle ? str(b, v + 1, ve - 1) : str(b, v, ve);
            } else if (is(b, p, eq, K_ORIG_TO)) {
                origTo = angle ? str(b, v + 1, ve - 1) : str(b, v, ve);
            } else if (is(b, p, eq, K_RELAY)) {
                relay = relay(b, v, ve);
            } else if (is(b, p, eq, K_CONN_USE)) {
                connUse = Bytes.integer(b, v, ve);
            } else if (is(b, p, eq, K_DELAY)) {
                delay = Bytes.decimal(b, v, ve);
            } else if (is(b, p, eq, K_DELAYS)) {
                int s1 = find(b, v, ve, (byte) '/');
                int s2 = s1 < 0 ? -1 : find(b, s1 + 1, ve, (byte) '/');
                int s3 = s2 < 0 ? -1 : find(b, s2 + 1, ve, (byte) '/');
                if (s3 > 0) {
                    d1 = Bytes.decimal(b, v, s1);
                    d2 = Bytes.decimal(b, s1 + 1, s2);
                    d3 = Bytes.decimal(b, s2 + 1, s3);
                    d4 = Bytes.decimal(b, s3 + 1, ve);
                }
            } else if (is(b, p, eq, K_TLS)) {
                tls = TlsFeatures.parse(b, v, ve);
            } else if (is(b, p, eq, K_DSN)) {
                dsn = Words.of(b, v, ve);
            }
            // the separator ", "
            p = ve;
            if (p + 1 < e && b[p] == ',' && b[p + 1] == ' ') {
                p += 2;
            } else {
                return false;
            }
        }
        if (to == null || status == null) {
            return false;
        }
        out.accept(new Delivery(qid, to, origTo, relay, connUse, delay, d1, d2, d3, d4, tls, dsn, status, response,
                queuedAs));
        return true;
    }

    /**
     * The queue id a next hop reports in its reply: {@code ... queued as 4dFwzS0zFVz3xHS} (the last
     * one, so amavis' {@code from MTA(...): 250 2.0.0 Ok: queued as X} gives the reinjected id),
     * LMTP {@code <user@example.org> Bp6VKJkD2l+LBQAAh/fGkg Saved}, local {@code forwarded as X},
     * sendmail {@code 2.0.0 x8J9e3dO012345 Message accepted for delivery}, exim {@code OK id=1kABCD-0001Ab-Cd}.
     */
    static String queuedAs(byte[] b, int p, int e) {
        int q = findLast(b, p, e, QUEUED_AS_);
        if (q >= 0) {
            return token(b, q + QUEUED_AS_.length, e);
        }
        q = findLast(b, p, e, FORWARDED_AS);
        if (q >= 0) {
            return token(b, q + FORWARDED_AS.length, e);
        }
        int end = Bytes.endsWith(b, p, e, SAVED) ? e - SAVED.length : -1;
        if (end < 0) {
            int m = find(b, p, e, MESSAGE_ACCEPTED);
            end = m;
        }
        if (end > p) {
            int sp = findLast(b, p, end, (byte) ' ');
            if (sp >= p && sp + 1 < end && b[sp + 1] != '<') {
                return str(b, sp + 1, end);
            }
            return null;
        }
        q = find(b, p, e, OK_ID);
        if (q >= 0) {
            return token(b, q + OK_ID.length, e);
        }
        return null;
    }

    /** The run of queue-id characters at {@code p} ({@code [0-9A-Za-z-]}), or null if empty. */
    private static String token(byte[] b, int p, int e) {
        int t = p;
        while (t < e && (Bytes.isAlnum(b[t]) || b[t] == '-')) {
            t++;
        }
        return t == p ? null : str(b, p, t);
    }

    // ------------------------------------------------------------------ qmgr, cleanup, pickup, bounce

    private static boolean qmgrFrom(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int gt = closeAngle(b, p, e);
        if (gt < 0 || gt + 2 >= e || b[gt + 1] != ',' || b[gt + 2] != ' ') {
            return false;
        }
        String sender = str(b, p, gt);
        int r = gt + 3;
        if (at(b, r, e, SIZE_EQ)) {
            int se = Bytes.digits(b, r + SIZE_EQ.length, e);
            long size = Bytes.number(b, r + SIZE_EQ.length, se);
            int nrcpt = -1;
            if (at(b, se, e, COLON_COMMA_SP_NRCPT)) {
                int ns = se + COLON_COMMA_SP_NRCPT.length;
                nrcpt = Bytes.integer(b, ns, Bytes.digits(b, ns, e));
            }
            out.accept(new Sender(qid, sender, size, nrcpt));
            return true;
        }
        if (at(b, r, e, STATUS_EQ)) {
            int ws = r + STATUS_EQ.length;
            int we = ws;
            while (we < e && b[we] != ',' && b[we] != ' ') {
                we++;
            }
            out.accept(new Expired(qid, sender, Words.of(b, ws, we)));
            return true;
        }
        return false;
    }

    private static final byte[] COLON_COMMA_SP_NRCPT = ascii(", nrcpt=");

    private static String messageId(byte[] b, int p, int e) {
        if (p < e && b[p] == '<' && b[e - 1] == '>') {
            return str(b, p + 1, e - 1);
        }
        return str(b, p, e);
    }

    private static boolean removed(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        if (p == e) {
            out.accept(new Removed(qid, null));
            return true;
        }
        if (p + 2 < e && b[p] == ' ' && b[p + 1] == '(' && b[e - 1] == ')') {
            out.accept(new Removed(qid, Words.of(b, p + 2, e - 1)));
            return true;
        }
        return false;
    }

    private static boolean pickup(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ue = Bytes.digits(b, p, e);
        long uid = Bytes.number(b, p, ue);
        if (uid < 0 || !at(b, ue, e, FROM_SP_LT)) {
            return false;
        }
        int fs = ue + FROM_SP_LT.length;
        int gt = closeAngle(b, fs, e);
        if (gt < 0) {
            return false;
        }
        String origId = null;
        if (at(b, gt + 1, e, SP_ORIG_ID_EQ)) {
            origId = str(b, gt + 1 + SP_ORIG_ID_EQ.length, e);
        }
        out.accept(new Pickup(qid, uid, str(b, fs, gt), origId));
        return true;
    }

    private static final byte[] FROM_SP_LT = ascii(" from=<");
    private static final byte[] SP_ORIG_ID_EQ = ascii(" orig_id=");

    private static boolean bounce(String qid, byte[] b, int p, int toEnd, int e, Consumer<? super LogEvent> out) {
        int n = find(b, toEnd, e, NOTIFICATION_);
        if (n < 0 || qid == null) {
            return false;
        }
        int bq = n + NOTIFICATION_.length;
        if (bq >= e) {
            return false;
        }
        out.accept(new Bounce(qid, Words.of(b, p, toEnd), Words.of(b, toEnd + 1, n), str(b, bq, e)));
        return true;
    }

    // ------------------------------------------------------------------ smtpd

    private static boolean connect(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        out.accept(new Connect(client(b, p, ce), null, null, -1));
        return true;
    }

    private static boolean disconnect(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        CommandStats stats = ce + 1 < e && b[ce] == ' ' ? CommandStats.parse(b, ce + 1, e) : null;
        out.accept(new Disconnect(client(b, p, ce), stats));
        return true;
    }

    /** {@code (lost connection|timeout|too many errors|bare <LF> received) after STAGE[ (N bytes)] from CLIENT[: detail]}. */
    private static boolean lostConnection(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int a = find(b, p, Math.min(e, p + 40), AFTER_);
        if (a < 0) {
            return false;
        }
        String error = Words.of(b, p, a);
        int st = a + AFTER_.length;
        int f = find(b, st, e, FROM_);
        if (f < 0) {
            return false;
        }
        int stageEnd = f;
        long bytes = -1;
        int paren = find(b, st, f, (byte) '(');
        if (paren > st && b[paren - 1] == ' ') {
            stageEnd = paren - 1;
            int n = paren + 1;
            if (at(b, n, f, APPROXIMATELY)) {
                n += APPROXIMATELY.length;
            }
            bytes = Bytes.number(b, n, Bytes.digits(b, n, f));
        }
        int c = f + FROM_.length;
        int ce = bracketEnd(b, c, e);
        if (ce < 0) {
            return false;
        }
        String detail = at(b, ce, e, COLON_SP) ? str(b, ce + 2, e) : null;
        out.accept(new LostConnection(qid, error, Words.of(b, st, stageEnd), bytes, client(b, c, ce), detail));
        return true;
    }

    private static boolean sslAcceptError(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        String detail = at(b, ce, e, COLON_SP) ? str(b, ce + 2, e) : null;
        out.accept(new LostConnection(null, "SSL_accept error", null, -1, client(b, p, ce), detail));
        return true;
    }

    private static boolean improperPipelining(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int f = find(b, p, e, FROM_);
        if (f < 0) {
            return false;
        }
        int c = f + FROM_.length;
        int ce = bracketEnd(b, c, e);
        if (ce < 0) {
            return false;
        }
        String data = ce + 1 < e && b[ce] == ':' ? str(b, ce + (b[ce + 1] == ' ' ? 2 : 1), e) : null;
        out.accept(new ImproperPipelining(Words.of(b, p, f), client(b, c, ce), data));
        return true;
    }

    private static final byte[] K_SASL_METHOD = ascii("sasl_method");
    private static final byte[] K_SASL_USERNAME = ascii("sasl_username");
    private static final byte[] K_SASL_SENDER = ascii("sasl_sender");
    private static final byte[] K_ORIG_QUEUE_ID = ascii("orig_queue_id");
    private static final byte[] K_ORIG_CLIENT = ascii("orig_client");
    private static final byte[] K_FROM = ascii("from");
    private static final byte[] K_PROTO = ascii("proto");
    private static final byte[] K_HELO = ascii("helo");

    private static boolean smtpdClient(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        Client client = client(b, p, ce);
        String saslMethod = null;
        String saslUsername = null;
        String saslSender = null;
        String origQueueId = null;
        Client origClient = null;
        p = ce;
        while (p + 1 < e && b[p] == ',' && b[p + 1] == ' ') {
            int k = p + 2;
            int eq = find(b, k, e, (byte) '=');
            if (eq < 0) {
                break;
            }
            int v = eq + 1;
            int ve = find(b, v, e, COMMA_SP);
            if (ve < 0) {
                ve = e;
            }
            if (is(b, k, eq, K_SASL_METHOD)) {
                saslMethod = Words.of(b, v, ve);
            } else if (is(b, k, eq, K_SASL_USERNAME)) {
                saslUsername = str(b, v, ve);
            } else if (is(b, k, eq, K_SASL_SENDER)) {
                saslSender = str(b, v, ve);
            } else if (is(b, k, eq, K_ORIG_QUEUE_ID)) {
                origQueueId = str(b, v, ve);
            } else if (is(b, k, eq, K_ORIG_CLIENT)) {
                int oe = bracketEnd(b, v, ve);
                origClient = oe < 0 ? null : client(b, v, oe);
            }
            p = ve;
        }
        out.accept(new SmtpdClient(qid, client, saslMethod, saslUsername, saslSender, origQueueId, origClient));
        return true;
    }

    private static final byte[] COMMA_SP = ascii(", ");

    /** {@code ACTION: ...} after a queue id: smtpd checks, cleanup header/body checks, milters, warnings. */
    private static boolean actionLine(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int w = p;
        while (w < e && (Bytes.isLower(b[w]) || b[w] == '_' || b[w] == '-')) {
            w++;
        }
        if (w == p || w - p > 32 || !at(b, w, e, COLON_SP)) {
            return false;
        }
        int r = w + 2;
        if (at(b, p, w, MILTER_)) {
            int a = p + MILTER_.length;
            if (at(b, a, w, HEADER_) || at(b, a, w, BODY_)) {
                return contentCheck(qid, Words.of(b, a, w), true, b, r, e, out);
            }
            if (milterStage(b, r, e)) {
                return milterEom(qid, Words.of(b, a, w), b, r, e, out);
            }
            return smtpdAction(qid, Words.of(b, p, w), b, r, e, out);
        }
        if (isContentCheck(b, r, e)) {
            return contentCheck(qid, Words.of(b, p, w), false, b, r, e, out);
        }
        if (smtpdAction(qid, Words.of(b, p, w), b, r, e, out)) {
            return true;
        }
        if (is(b, p, w, WARNING)) {
            return warning("warning", b, r, e, qid, out);
        }
        return false;
    }

    private static final byte[] WARNING = ascii("warning");
    private static final byte[][] CHECKS = {ascii("header "), ascii("body "), ascii("content "), ascii("mime-error ")};

    private static boolean isContentCheck(byte[] b, int p, int e) {
        for (byte[] c : CHECKS) {
            if (at(b, p, e, c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean milterStage(byte[] b, int p, int e) {
        return at(b, p, e, END_OF_MESSAGE) && at(b, p + END_OF_MESSAGE.length, e, FROM_);
    }

    /**
     * {@code STAGE from CLIENT: REPLY; from=<..> to=<..> proto=.. helo=<..>} after
     * {@code QID|NOQUEUE: ACTION: }: an smtpd (or postscreen) access decision.
     */
    private static boolean smtpdAction(String qid, String action, byte[] b, int p, int e,
            Consumer<? super LogEvent> out) {
        int f = find(b, p, Math.min(e, p + 40), FROM_);
        if (f <= p) {
            return false;
        }
        if (!isStage(b, p, f)) {
            return false;
        }
        int c = f + FROM_.length;
        int ce = bracketEnd(b, c, e);
        if (ce < 0) {
            return false;
        }
        int t;
        if (ce == e) {
            t = e;
        } else if (at(b, ce, e, COLON_SP)) {
            t = ce + 2;
        } else if (b[ce] == ':' && ce + 1 == e) {
            t = e;
        } else {
            return false;
        }
        int k = kvStart(b, t, e);
        Reply reply = new Reply();
        reply.parse(b, t, k < 0 ? e : k);
        Kv kv = new Kv();
        if (k >= 0) {
            kv.parse(b, k + 1, e);
        }
        SmtpdAction a = new SmtpdAction(qid, action, Words.of(b, p, f), client(b, c, ce), reply.code, reply.dsn,
                reply.target, reply.reasonText, reply.rblDomain, reply.response, kv.from, kv.to, kv.proto, kv.helo,
                kv.saslMethod, kv.saslUsername, kv.saslSender);
        switch (action) {
            case "reject":
            case "milter-reject":
            case "hangup":
            case "abort":
                out.accept(new Reject(a));
                break;
            default:
                out.accept(a);
                break;
        }
        return true;
    }

    private static final byte[] SP_CONTENT = ascii(" content");

    /** An smtpd stage: {@code RCPT}, {@code END-OF-MESSAGE}, {@code DATA content}, ... */
    private static boolean isStage(byte[] b, int p, int e) {
        if (Bytes.endsWith(b, p, e, SP_CONTENT)) {
            e -= SP_CONTENT.length;
        }
        if (p >= e) {
            return false;
        }
        for (int i = p; i < e; i++) {
            byte c = b[i];
            if (!(Bytes.isUpper(c) || c == '-' || c == '.' || isDigit(c))) {
                return false;
            }
        }
        return true;
    }

    /** postscreen {@code reject: connect from [192.0.2.1]:5555: all screening ports busy}. */
    private static boolean postscreenBusy(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        String text = at(b, ce, e, COLON_SP) ? str(b, ce + 2, e) : null;
        out.accept(new Reject(new SmtpdAction(null, "reject", "CONNECT", client(b, p, ce), -1, null, null, text, null,
                text, null, null, null, null, null, null, null)));
        return true;
    }

    /** {@code proxy-accept: END-OF-MESSAGE: 250 2.0.0 Ok: queued as X; from=<..> ...}. */
    private static boolean proxy(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int c = find(b, p, Math.min(e, p + 10), COLON_SP);
        if (c < 0) {
            return false;
        }
        String action = Words.of(b, p, c);
        int st = c + 2;
        int se = find(b, st, Math.min(e, st + 40), (byte) ':');
        if (se < 0) {
            return false;
        }
        int t = Math.min(se + 2, e);
        int k = kvStart(b, se + 1, e);
        int te = k < 0 ? e : k;
        if (t > te) {
            t = te;
        }
        Reply reply = new Reply();
        reply.parse(b, t, te);
        Kv kv = new Kv();
        if (k >= 0) {
            kv.parse(b, k + 1, e);
        }
        String response = reply.response == null ? "" : reply.response;
        Proxy proxy = new Proxy(action, Words.of(b, st, se), reply.code, reply.dsn, reply.reasonText, response,
                queuedAs(b, t, te), kv.from, kv.to, kv.proto, kv.helo, kv.saslMethod, kv.saslUsername, kv.saslSender);
        out.accept(proxy.rejected() ? new ProxyReject(proxy) : proxy);
        return true;
    }

    // ------------------------------------------------------------------ cleanup: header/body checks, milters

    /**
     * {@code CHECK TEXT from ORIGIN; from=<..> to=<..> proto=.. helo=<..>[: ACTION_TEXT]} (cleanup)
     * or {@code CHECK TEXT[: ACTION_TEXT]} (smtp_header_checks).
     */
    private static boolean contentCheck(String qid, String action, boolean milter, byte[] b, int p, int e,
            Consumer<? super LogEvent> out) {
        int sp = find(b, p, e, (byte) ' ');
        if (sp < 0) {
            return false;
        }
        String check = Words.of(b, p, sp);
        int ts = sp + 1;
        int k = kvStart(b, ts, e);
        String text;
        String message;
        Client client = null;
        String origin = null;
        Kv kv = new Kv();
        String actionText = null;
        if (k >= 0) {
            int f = findLast(b, ts, k, FROM_);
            int oe = k;
            if (f >= 0) {
                int os = f + FROM_.length;
                int be = bracketEnd(b, os, k);
                if (be == k) {
                    client = client(b, os, be);
                } else {
                    origin = Words.of(b, os, k);
                }
                text = str(b, ts, f);
            } else {
                text = str(b, ts, oe);
            }
            message = str(b, p, k);
            kv.parse(b, k + 1, e);
            if (at(b, kv.end, e, COLON_SP)) {
                actionText = str(b, kv.end + 2, e);
            }
        } else {
            text = str(b, ts, e);
            message = str(b, p, e);
        }
        Reply reply = new Reply();
        boolean refusal = action.equals("reject") || action.endsWith("-reject");
        if (refusal && actionText != null) {
            int ae = kv.end + 2;
            reply.parse(b, ae, e);
        }
        if (milter) {
            Milter m = new Milter(qid, action, null, check, text, message, client, reply.code, reply.dsn,
                    reply.reasonText, kv.from, kv.to, kv.proto, kv.helo, actionText);
            out.accept(m.rejected() ? new MilterReject(m) : m);
        } else {
            HeaderCheck h = new HeaderCheck(qid, action, check, text, message, client, origin, reply.code, reply.dsn,
                    reply.reasonText, kv.from, kv.to, kv.proto, kv.helo, actionText);
            out.accept(h.rejected() ? new HeaderCheckReject(h) : h);
        }
        return true;
    }

    /** {@code milter-ACTION: END-OF-MESSAGE from CLIENT: TEXT; from=<..> ...} (cleanup). */
    private static boolean milterEom(String qid, String action, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int f = p + END_OF_MESSAGE.length;
        int c = f + FROM_.length;
        int ce = bracketEnd(b, c, e);
        if (ce < 0) {
            return false;
        }
        int t = at(b, ce, e, COLON_SP) ? ce + 2 : ce;
        int k = kvStart(b, t, e);
        int te = k < 0 ? e : k;
        Reply reply = new Reply();
        reply.parse(b, t, te);
        Kv kv = new Kv();
        if (k >= 0) {
            kv.parse(b, k + 1, e);
        }
        Milter m = new Milter(qid, action, "END-OF-MESSAGE", null, null, str(b, p, te), client(b, c, ce), reply.code,
                reply.dsn, reply.reasonText, kv.from, kv.to, kv.proto, kv.helo, null);
        out.accept(m.rejected() ? new MilterReject(m) : m);
        return true;
    }

    // ------------------------------------------------------------------ smtp, lmtp

    private static boolean connectError(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0 || !at(b, re, e, COLON_SP)) {
            return false;
        }
        out.accept(new ConnectError(relay(b, p, re), Words.of(b, re + 2, e)));
        return true;
    }

    private static boolean tlsError(String failure, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0) {
            return false;
        }
        String error = at(b, re, e, COLON_SP) ? Words.of(b, re + 2, e) : null;
        out.accept(new TlsError(null, failure, relay(b, p, re), null, error));
        return true;
    }

    private static final byte[] SERVICE_EQ = ascii("service=");
    private static final byte[] PEER_EQ = ascii(" peer=");

    private static boolean tlsHandshakeFailed(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int pe = find(b, p, e, PEER_EQ);
        if (pe < 0) {
            return false;
        }
        int c = pe + PEER_EQ.length;
        int ce = bracketEnd(b, c, e);
        String service = at(b, p, pe, SERVICE_EQ) ? Words.of(b, p + SERVICE_EQ.length, pe) : str(b, p, pe);
        out.accept(new TlsError(null, "handshake failed", null, ce < 0 ? null : client(b, c, ce), service));
        return true;
    }

    private static boolean hostSaid(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0) {
            return false;
        }
        Relay relay = relay(b, p, re);
        if (at(b, re, e, SAID_)) {
            int rs = re + SAID_.length;
            int ir = findLast(b, rs, e, IN_REPLY_TO);
            String stage = null;
            int rend = e;
            if (ir >= 0 && Bytes.endsWith(b, ir, e, COMMAND_PAREN)) {
                stage = Words.of(b, ir + IN_REPLY_TO.length, e - COMMAND_PAREN.length);
                rend = ir;
            }
            out.accept(new SmtpError(qid, "host said", relay, str(b, rs, rend), stage, null));
            return true;
        }
        if (at(b, re, e, REFUSED_)) {
            out.accept(new SmtpError(qid, "refused to talk", relay, str(b, re + REFUSED_.length, e), null, null));
            return true;
        }
        return false;
    }

    private static boolean hostOffersSmtputf8(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0 || !is(b, re, e, OFFERS_SMTPUTF8)) {
            return false;
        }
        out.accept(new SmtpError(null, "no 8BITMIME", relay(b, p, re), null, null, null));
        return true;
    }

    private static boolean lostConnectionWith(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0) {
            return false;
        }
        return sessionError(qid, "lost connection", b, p, re, re, e, out);
    }

    private static boolean conversationTimedOut(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0 || !at(b, re, e, TIMED_OUT)) {
            return false;
        }
        return sessionError(qid, "conversation timed out", b, p, re, re + TIMED_OUT.length, e, out);
    }

    private static boolean sessionError(String qid, String error, byte[] b, int p, int re, int w, int e,
            Consumer<? super LogEvent> out) {
        String during = null;
        String stage = null;
        if (at(b, w, e, WHILE_)) {
            int ds = w + WHILE_.length;
            during = Words.of(b, ds, e);
            if (at(b, ds, e, SENDING_)) {
                int ss = ds + SENDING_.length;
                boolean upper = ss < e;
                for (int i = ss; i < e; i++) {
                    if (!(Bytes.isUpper(b[i]) || b[i] == ' ')) {
                        upper = false;
                        break;
                    }
                }
                if (upper) {
                    stage = Words.of(b, ss, e);
                }
            }
        } else if (w != e) {
            return false;
        }
        out.accept(new SmtpError(qid, error, relay(b, p, re), null, stage, during));
        return true;
    }

    private static boolean saslServerSaid(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0 || !at(b, re, e, SAID_)) {
            return false;
        }
        out.accept(new SmtpError(qid, "SASL authentication failed", relay(b, p, re), str(b, re + SAID_.length, e),
                null, null));
        return true;
    }

    private static boolean pix(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int f = findLast(b, p, e, FOR_);
        if (f < 0) {
            return false;
        }
        int r = f + FOR_.length;
        int re = bracketEnd(b, r, e);
        if (re < 0) {
            return false;
        }
        out.accept(new PixWorkarounds(qid, Words.of(b, p, f), relay(b, r, re)));
        return true;
    }

    // ------------------------------------------------------------------ TLS summary

    private static boolean tls(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        String trust = null;
        int p = s;
        if (!at(b, p, e, TLS_CONNECTION_)) {
            for (byte[] t : TRUST) {
                if (at(b, p, e, t)) {
                    trust = Words.of(b, p, p + t.length - 1);
                    p += t.length;
                    break;
                }
            }
            if (trust == null || !at(b, p, e, TLS_CONNECTION_)) {
                return false;
            }
        }
        p += TLS_CONNECTION_.length;
        boolean reused;
        if (at(b, p, e, ESTABLISHED_)) {
            reused = false;
            p += ESTABLISHED_.length;
        } else if (at(b, p, e, REUSED_)) {
            reused = true;
            p += REUSED_.length;
        } else {
            return false;
        }
        boolean outbound;
        if (at(b, p, e, TO_)) {
            outbound = true;
            p += TO_.length;
        } else if (at(b, p, e, FROM_SP)) {
            outbound = false;
            p += FROM_SP.length;
        } else {
            return false;
        }
        int pe = bracketEnd(b, p, e);
        if (pe < 0) {
            return false;
        }
        Client client = outbound ? null : client(b, p, pe);
        Relay relay = outbound ? relay(b, p, pe) : null;
        String sni = null;
        int c = pe;
        if (at(b, c, e, SP_TO_)) {
            int ss = c + SP_TO_.length;
            int se = find(b, ss, e, COLON_SP);
            if (se < 0) {
                return false;
            }
            sni = str(b, ss, se);
            c = se;
        }
        if (!at(b, c, e, COLON_SP)) {
            return false;
        }
        int vs = c + 2;
        int wc = find(b, vs, e, WITH_CIPHER);
        if (wc < 0) {
            return false;
        }
        int cs = wc + WITH_CIPHER.length;
        int ce = find(b, cs, e, (byte) ' ');
        if (ce < 0 || ce + 1 >= e || b[ce + 1] != '(') {
            return false;
        }
        int b1 = ce + 2;
        int b1e = Bytes.digits(b, b1, e);
        int b2e = b1e < e && b[b1e] == '/' ? Bytes.digits(b, b1e + 1, e) : -1;
        if (b2e < 0 || !at(b, b2e, e, BITS_PAREN)) {
            return false;
        }
        int cipherBits = Bytes.integer(b, b1, b1e);
        int algBits = Bytes.integer(b, b1e + 1, b2e);
        p = b2e + BITS_PAREN.length;
        Sig kex = new Sig();
        Sig server = new Sig();
        Sig client2 = new Sig();
        String serverDigest = null;
        String clientDigest = null;
        while (p < e) {
            if (at(b, p, e, KEY_EXCHANGE)) {
                p = kex.parse(b, p + KEY_EXCHANGE.length, e);
            } else if (at(b, p, e, SERVER_SIGNATURE)) {
                p = server.parse(b, p + SERVER_SIGNATURE.length, e);
            } else if (at(b, p, e, SERVER_DIGEST)) {
                int ds = p + SERVER_DIGEST.length;
                p = wordEnd(b, ds, e);
                serverDigest = Words.of(b, ds, p);
            } else if (at(b, p, e, CLIENT_SIGNATURE)) {
                p = client2.parse(b, p + CLIENT_SIGNATURE.length, e);
            } else if (at(b, p, e, CLIENT_DIGEST)) {
                int ds = p + CLIENT_DIGEST.length;
                p = wordEnd(b, ds, e);
                clientDigest = Words.of(b, ds, p);
            } else {
                break;
            }
        }
        out.accept(new Tls(trust, reused, client, relay, sni, Words.of(b, vs, wc), Words.of(b, cs, ce), cipherBits,
                algBits, kex.name, kex.curve, kex.bits, server.name, server.curve, server.bits, serverDigest,
                client2.name, client2.curve, client2.bits, clientDigest));
        return true;
    }

    private static int wordEnd(byte[] b, int p, int e) {
        while (p < e && b[p] != ' ') {
            p++;
        }
        return p;
    }

    /** {@code NAME[ (CURVE|N bits|...)]} of a key exchange or signature. */
    private static final class Sig {
        String name;
        String curve;
        int bits = -1;

        int parse(byte[] b, int p, int e) {
            int ne = wordEnd(b, p, e);
            name = Words.of(b, p, ne);
            if (ne + 1 < e && b[ne] == ' ' && b[ne + 1] == '(') {
                int close = find(b, ne + 2, e, (byte) ')');
                if (close < 0) {
                    return e;
                }
                int cs = ne + 2;
                int ce = close;
                if (Bytes.endsWith(b, cs, ce, RAW_PUBLIC_KEY)) {
                    ce -= RAW_PUBLIC_KEY.length;
                }
                int d = Bytes.digits(b, cs, ce);
                if (d > cs && at(b, d, ce, BITS)) {
                    bits = Bytes.integer(b, cs, d);
                } else if (ce > cs) {
                    curve = Words.of(b, cs, ce);
                }
                return close + 1;
            }
            return ne;
        }
    }

    // ------------------------------------------------------------------ postscreen, tlsproxy, dnsblog, verify

    private static boolean upperConnect(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        boolean to = at(b, p, e, TO_);
        if (to) {
            p += TO_.length;
        } else if (at(b, p, e, FROM_SP)) {
            p += FROM_SP.length;
        }
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        if (to) {
            out.accept(new Connect(null, relay(b, p, ce), null, -1));
            return true;
        }
        String serverIp = null;
        int serverPort = -1;
        if (at(b, ce, e, SP_TO_)) {
            int ss = ce + SP_TO_.length;
            int se = bracketEnd(b, ss, e);
            if (se > 0) {
                Client server = client(b, ss, se);
                serverIp = server.ip();
                serverPort = server.port();
            }
        }
        out.accept(new Connect(client(b, p, ce), null, serverIp, serverPort));
        return true;
    }

    private static boolean upperDisconnect(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        out.accept(new Disconnect(client(b, p, ce), null));
        return true;
    }

    private static boolean postscreen(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        for (byte[] a : PS_ACCESS) {
            if (at(b, s, e, a)) {
                int p = s + a.length;
                int ce = bracketEnd(b, p, e);
                if (ce < 0) {
                    return false;
                }
                out.accept(new Postscreen(Words.of(b, s, s + a.length - 1), client(b, p, ce), -1, Double.NaN, -1,
                        null, null, null));
                return true;
            }
        }
        for (byte[] v : PS_VIOLATION) {
            if (at(b, s, e, v) && s + v.length < e && b[s + v.length] == ' ') {
                return postscreenViolation(Words.of(b, s, s + v.length), b, s + v.length, e, out);
            }
        }
        return false;
    }

    /** After the verdict: {@code [ N][ rank N][ after T] (from|for) [ip]:port[ after CMD][: data| in PHASE]}. */
    private static boolean postscreenViolation(String verdict, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int count = -1;
        int rank = -1;
        double elapsed = Double.NaN;
        if (at(b, p, e, RANK_)) {
            int rs = p + RANK_.length;
            p = Bytes.digits(b, rs, e);
            rank = Bytes.integer(b, rs, p);
        } else if (p + 1 < e && b[p] == ' ' && isDigit(b[p + 1])) {
            int cs = p + 1;
            p = Bytes.digits(b, cs, e);
            count = Bytes.integer(b, cs, p);
        }
        if (at(b, p, e, AFTER_)) {
            int ts = p + AFTER_.length;
            p = wordEnd(b, ts, e);
            elapsed = Bytes.decimal(b, ts, p);
        }
        if (at(b, p, e, FROM_)) {
            p += FROM_.length;
        } else if (at(b, p, e, FOR_)) {
            p += FOR_.length;
        } else {
            return false;
        }
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        Client client = client(b, p, ce);
        String stage = null;
        String data = null;
        String phase = null;
        p = ce;
        if (at(b, p, e, AFTER_)) {
            int ss = p + AFTER_.length;
            int se = find(b, ss, e, COLON_SP);
            if (se < 0) {
                se = b[e - 1] == ':' ? e - 1 : e;
            }
            stage = Words.of(b, ss, se);
            p = se;
        } else if (at(b, p, e, IN_)) {
            phase = Words.of(b, p + IN_.length, e);
            p = e;
        }
        if (p < e && b[p] == ':') {
            data = str(b, Math.min(p + 2, e), e);
        }
        out.accept(new Postscreen(verdict, client, count, elapsed, rank, stage, data, phase));
        return true;
    }

    private static boolean postscreenEhlo(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0 || !at(b, ce, e, COLON_SP) || !at(b, ce + 2, e, DISCARDING_EHLO)) {
            return false;
        }
        out.accept(new EhloKeywordsDiscarded(client(b, p, ce), str(b, ce + 2 + DISCARDING_EHLO.length, e)));
        return true;
    }

    /** {@code cache NAME (full|partial) cleanup: retained=N dropped=N entries}. */
    private static boolean cacheCleanup(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int c = find(b, p, e, CLEANUP_RETAINED);
        if (c < 0) {
            return false;
        }
        int sp = findLast(b, p, c, (byte) ' ');
        if (sp < 0) {
            return false;
        }
        int rs = c + CLEANUP_RETAINED.length;
        int re = Bytes.digits(b, rs, e);
        long dropped = -1;
        if (at(b, re, e, DROPPED_)) {
            int ds = re + DROPPED_.length;
            dropped = Bytes.number(b, ds, Bytes.digits(b, ds, e));
        }
        out.accept(new CacheCleanup(str(b, p, sp), Words.of(b, sp + 1, c), Bytes.number(b, rs, re), dropped));
        return true;
    }

    /** dnsblog {@code addr IP listed by domain D as R}. */
    private static boolean dnsblog(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int l = find(b, p, e, LISTED_BY_DOMAIN);
        if (l < 0) {
            return false;
        }
        int ds = l + LISTED_BY_DOMAIN.length;
        int as = find(b, ds, e, AS_);
        if (as < 0) {
            return false;
        }
        out.accept(new DnsblListing(str(b, p, l), Words.of(b, ds, as), Words.of(b, as + AS_.length, e)));
        return true;
    }

    // ------------------------------------------------------------------ anvil, scache

    private static boolean statistics(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        if (at(b, p, e, SIMULTANEOUS_DOMAINS)) {
            int ds = p + SIMULTANEOUS_DOMAINS.length;
            int de = Bytes.digits(b, ds, e);
            if (!at(b, de, e, ADDRESSES_EQ)) {
                return false;
            }
            int as = de + ADDRESSES_EQ.length;
            int ae = Bytes.digits(b, as, e);
            long connections = -1;
            if (at(b, ae, e, CONNECTION_EQ)) {
                int cs = ae + CONNECTION_EQ.length;
                connections = Bytes.number(b, cs, Bytes.digits(b, cs, e));
            }
            out.accept(new Scache(null, -1, -1, -1, Bytes.number(b, ds, de), Bytes.number(b, as, ae), connections, null));
            return true;
        }
        if (at(b, p, e, START_INTERVAL)) {
            out.accept(new Scache(null, -1, -1, -1, -1, -1, -1, str(b, p + START_INTERVAL.length, e)));
            return true;
        }
        int lh = find(b, p, Math.min(e, p + 20), LOOKUP_HITS);
        if (lh > p) {
            int hs = lh + LOOKUP_HITS.length;
            int he = Bytes.digits(b, hs, e);
            if (!at(b, he, e, MISS_EQ)) {
                return false;
            }
            int ms = he + MISS_EQ.length;
            int me = Bytes.digits(b, ms, e);
            long success = -1;
            if (at(b, me, e, SUCCESS_EQ)) {
                int ss = me + SUCCESS_EQ.length;
                success = Bytes.number(b, ss, Bytes.digits(b, ss, e));
            }
            out.accept(new Scache(Words.of(b, p, lh), Bytes.number(b, hs, he), Bytes.number(b, ms, me), success, -1, -1,
                    -1, null));
            return true;
        }
        if (!at(b, p, e, MAX_)) {
            return false;
        }
        p += MAX_.length;
        if (at(b, p, e, CACHE_SIZE_)) {
            int vs = p + CACHE_SIZE_.length;
            int ve = Bytes.digits(b, vs, e);
            String when = at(b, ve, e, AT_) ? str(b, ve + AT_.length, e) : null;
            out.accept(new Anvil("cache_size", Bytes.number(b, vs, ve), null, null, null, when));
            return true;
        }
        for (int i = 0; i < ANVIL_NAMES.length; i++) {
            byte[] name = ANVIL_NAMES[i];
            if (!at(b, p, e, name)) {
                continue;
            }
            int k = p + name.length;
            boolean rate = at(b, k, e, RATE_);
            if (!rate && (i != 0 || !at(b, k, e, COUNT_))) {
                return false;
            }
            int vs = k + (rate ? RATE_.length : COUNT_.length);
            int ve = Bytes.digits(b, vs, e);
            String period = null;
            int x = ve;
            if (rate && x < e && b[x] == '/') {
                x = wordEnd(b, ve + 1, e);
                period = Words.of(b, ve + 1, x);
            }
            if (!at(b, x, e, FOR_) || x + FOR_.length >= e || b[x + FOR_.length] != '(') {
                return false;
            }
            int is = x + FOR_.length + 1;
            int ie = find(b, is, e, (byte) ')');
            if (ie < 0) {
                return false;
            }
            String service = null;
            String ip = null;
            for (int colon = find(b, is, ie, (byte) ':'); colon >= 0; colon = find(b, colon + 1, ie, (byte) ':')) {
                if (Bytes.isIp(b, colon + 1, ie) || is(b, colon + 1, ie, UNKNOWN)) {
                    service = Words.of(b, is, colon);
                    ip = is(b, colon + 1, ie, UNKNOWN) ? null : str(b, colon + 1, ie);
                    break;
                }
            }
            if (service == null) {
                service = str(b, is, ie);
            }
            String when = at(b, ie + 1, e, AT_) ? str(b, ie + 1 + AT_.length, e) : null;
            String statistic = Anvil.STATISTICS[rate ? (i == 0 ? 0 : i + 1) : 1];
            out.accept(new Anvil(statistic, Bytes.number(b, vs, ve), period, service, ip, when));
            return true;
        }
        return false;
    }

    private static final byte[] UNKNOWN = ascii("unknown");

    // ------------------------------------------------------------------ master, postsuper, notices

    private static boolean master(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        if (is(b, s, e, MASTER_EXIT)) {
            out.accept(new Master("exit", null, null, -1));
            return true;
        }
        if (at(b, s, e, TERMINATING_ON_SIGNAL)) {
            int ss = s + TERMINATING_ON_SIGNAL.length;
            out.accept(new Master("terminating", null, null, Bytes.integer(b, ss, Bytes.digits(b, ss, e))));
            return true;
        }
        String action;
        int p;
        if (at(b, s, e, DAEMON_STARTED)) {
            action = "started";
            p = s + DAEMON_STARTED.length;
        } else {
            action = "reload";
            p = s + RELOAD.length;
        }
        if (p == e) {
            out.accept(new Notice(null, str(b, s, e)));
            return true;
        }
        if (!at(b, p, e, VERSION_)) {
            return false;
        }
        int vs = p + VERSION_.length;
        int c = find(b, vs, e, CONFIGURATION_);
        if (c < 0) {
            out.accept(new Master(action, str(b, vs, e), null, -1));
        } else {
            out.accept(new Master(action, str(b, vs, c), str(b, c + CONFIGURATION_.length, e), -1));
        }
        return true;
    }

    private static boolean postsuperSummary(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        for (byte[] a : POSTSUPER_SUMMARY) {
            if (at(b, s, e, a)) {
                int ns = s + a.length;
                int ne = Bytes.digits(b, ns, e);
                if (ne == ns || !at(b, ne, e, MESSAGE_)) {
                    return false;
                }
                out.accept(new Postsuper(null, str(b, s, s + a.length - 2), Bytes.number(b, ns, ne)));
                return true;
            }
        }
        return false;
    }

    /** A {@link Notice} if {@code b[s, e)} contains {@code literal} at its start or anywhere (postfix-script). */
    private static boolean notice(byte[] b, int s, int e, byte[] literal, Consumer<? super LogEvent> out) {
        if (!at(b, s, e, literal) && find(b, s, Math.min(e, s + 40), literal) < 0) {
            return false;
        }
        out.accept(new Notice(null, str(b, s, e)));
        return true;
    }

    // ------------------------------------------------------------------ warnings

    private static boolean warning(String level, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        return warning(level, b, p, e, null, out);
    }

    private static boolean warning(String level, byte[] b, int p, int e, String qid, Consumer<? super LogEvent> out) {
        if (qid == null) {
            int q = queueIdEnd(b, p, e);
            if (q > 0 && !is(b, p, q, NOQUEUE)) {
                qid = str(b, p, q);
                p = q + 2;
            }
        }
        Client client = null;
        int ce = clientEnd(b, p, e);
        if (ce > 0 && at(b, ce, e, COLON_SP)) {
            client = client(b, p, ce);
            p = ce + 2;
            if (at(b, p, e, SASL_)) {
                int ms = p + SASL_.length;
                int af = find(b, ms, e, AUTHENTICATION_FAILED);
                if (af > ms) {
                    int rs = af + AUTHENTICATION_FAILED.length;
                    if (rs < e && b[rs] == ':') {
                        rs = Math.min(rs + 2, e);
                    }
                    int un = find(b, rs, e, SASL_USERNAME_PART);
                    String user = un < 0 ? null : str(b, un + SASL_USERNAME_PART.length, e);
                    out.accept(new SaslAuthFailed(level, str(b, p, e), client, Words.of(b, ms, af),
                            str(b, rs, un < 0 ? e : un), user));
                    return true;
                }
            }
        } else {
            client = embeddedClient(b, p, e);
        }
        out.accept(new Warning(qid, level, client, str(b, p, e)));
        return true;
    }

    /** The client a warning names in its text, or null. */
    private static Client embeddedClient(byte[] b, int p, int e) {
        if (at(b, p, e, HOSTNAME_)) {
            int hs = p + HOSTNAME_.length;
            int he = wordEnd(b, hs, e);
            if (at(b, he, e, DOES_NOT_RESOLVE)) {
                int as = he + DOES_NOT_RESOLVE.length;
                int ae = as;
                while (ae < e && b[ae] != ' ' && !(b[ae] == ':' && (ae + 1 == e || b[ae + 1] == ' '))) {
                    ae++;
                }
                if (Bytes.isIp(b, as, ae)) {
                    return new Client(str(b, hs, he), str(b, as, ae), -1);
                }
            }
            return null;
        }
        int colon = find(b, p, Math.min(e, p + 46), COLON_SP);
        if (colon > p && Bytes.isIp(b, p, colon)) {
            int hs = -1;
            if (at(b, colon, e, ADDRESS_NOT_LISTED)) {
                hs = colon + ADDRESS_NOT_LISTED.length;
            } else if (at(b, colon, e, COLON_HOSTNAME)) {
                hs = colon + COLON_HOSTNAME.length;
            }
            return new Client(hs < 0 ? null : str(b, hs, wordEnd(b, hs, e)), str(b, p, colon), -1);
        }
        int f = find(b, p, Math.min(e, p + 200), FROM_);
        if (f >= 0) {
            int cs = f + FROM_.length;
            int ce = clientEnd(b, cs, e);
            if (ce > 0) {
                return client(b, cs, ce);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ shared pieces

    /**
     * The end of {@code name[addr]}, {@code name[addr]:port} or {@code [addr]:port} at {@code p}
     * (no spaces before the bracket), or -1.
     */
    static int bracketEnd(byte[] b, int p, int e) {
        int lb = p;
        int limit = Math.min(e, p + 300);
        while (lb < limit && b[lb] != '[') {
            byte c = b[lb];
            if (c == ' ' || c == ';' || c == ',' || c == '<') {
                return -1;
            }
            lb++;
        }
        if (lb >= limit) {
            return -1;
        }
        int rb = find(b, lb + 1, Math.min(e, lb + 300), (byte) ']');
        if (rb < 0) {
            return -1;
        }
        int end = rb + 1;
        if (end + 1 < e && b[end] == ':' && isDigit(b[end + 1])) {
            int d = Bytes.digits(b, end + 1, e);
            if (d == e || b[d] == ' ' || b[d] == ':' || b[d] == ',' || b[d] == ';') {
                end = d;
            }
        }
        return end;
    }

    /** {@link #bracketEnd}, but only if the brackets hold an address or {@code unknown}. */
    static int clientEnd(byte[] b, int p, int e) {
        int end = bracketEnd(b, p, e);
        if (end < 0) {
            return -1;
        }
        int lb = find(b, p, end, (byte) '[');
        int rb = findLast(b, lb + 1, end, (byte) ']');
        return Bytes.isIp(b, lb + 1, rb) || is(b, lb + 1, rb, UNKNOWN) ? end : -1;
    }

    /** The client in {@code b[p, end)} as found by {@link #bracketEnd}. */
    static Client client(byte[] b, int p, int end) {
        int lb = find(b, p, end, (byte) '[');
        int rb = findLast(b, lb + 1, end, (byte) ']');
        String host = lb > p ? Words.of(b, p, lb) : null;
        String ip = is(b, lb + 1, rb, UNKNOWN) ? null : Words.of(b, lb + 1, rb);
        int port = rb + 1 < end && b[rb + 1] == ':' ? Bytes.integer(b, rb + 2, end) : -1;
        return new Client(host, ip, port);
    }

    /** The relay in {@code b[p, end)}: {@code name[addr]:port}, {@code name[service]} or a bare transport. */
    static Relay relay(byte[] b, int p, int end) {
        int lb = find(b, p, end, (byte) '[');
        if (lb < 0) {
            return new Relay(null, null, -1, Words.of(b, p, end));
        }
        int rb = findLast(b, lb + 1, end, (byte) ']');
        if (rb < 0) {
            return new Relay(null, null, -1, Words.of(b, p, end));
        }
        String host = lb > p ? Words.of(b, p, lb) : null;
        boolean ip = Bytes.isIp(b, lb + 1, rb);
        int port = rb + 1 < end && b[rb + 1] == ':' ? Bytes.integer(b, rb + 2, end) : -1;
        return new Relay(host, ip ? Words.of(b, lb + 1, rb) : null, port, ip ? null : Words.of(b, lb + 1, rb));
    }

    /** The index of the {@code >} closing an address at {@code p} (followed by a separator or the end), or -1. */
    static int closeAngle(byte[] b, int p, int e) {
        for (int i = p; i < e; i++) {
            if (b[i] == '>') {
                if (i + 1 == e) {
                    return i;
                }
                byte n = b[i + 1];
                if (n == ' ' || n == ',' || n == ':' || n == ';') {
                    return i;
                }
            }
        }
        return -1;
    }

    private static final byte[][] KV_KEYS = {ascii(" from=<"), ascii(" to=<"), ascii(" proto="), ascii(" helo=<"),
        ascii(" helo="), ascii(" sasl_")};

    /** The index of the {@code ;} that starts the {@code from=<..> to=<..> proto=.. helo=<..>} tail, or -1. */
    static int kvStart(byte[] b, int p, int e) {
        for (int i = find(b, p, e, (byte) ';'); i >= 0; i = find(b, i + 1, e, (byte) ';')) {
            for (byte[] k : KV_KEYS) {
                if (at(b, i + 1, e, k)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The {@code key=value} tail of smtpd, cleanup and postscreen lines. */
    private static final class Kv {
        String from;
        String to;
        String proto;
        String helo;
        String saslMethod;
        String saslUsername;
        String saslSender;
        int end;

        void parse(byte[] b, int p, int e) {
            end = p;
            while (p < e) {
                while (p < e && (b[p] == ' ' || b[p] == ',')) {
                    p++;
                }
                int ks = p;
                while (p < e && (Bytes.isLower(b[p]) || b[p] == '_')) {
                    p++;
                }
                if (p == ks || p >= e || b[p] != '=') {
                    return;
                }
                int ke = p;
                int v = p + 1;
                int vs;
                int ve;
                if (v < e && b[v] == '<') {
                    int gt = closeAngle(b, v + 1, e);
                    vs = v + 1;
                    ve = gt < 0 ? e : gt;
                    p = gt < 0 ? e : gt + 1;
                } else {
                    vs = v;
                    ve = v;
                    while (ve < e && b[ve] != ' ' && b[ve] != ',' && b[ve] != ';'
                            && !(b[ve] == ':' && (ve + 1 == e || b[ve + 1] == ' '))) {
                        ve++;
                    }
                    p = ve;
                }
                if (is(b, ks, ke, K_FROM)) {
                    from = str(b, vs, ve);
                } else if (is(b, ks, ke, K_TO)) {
                    to = str(b, vs, ve);
                } else if (is(b, ks, ke, K_PROTO)) {
                    proto = Words.of(b, vs, ve);
                } else if (is(b, ks, ke, K_HELO)) {
                    helo = str(b, vs, ve);
                } else if (is(b, ks, ke, K_SASL_METHOD)) {
                    saslMethod = Words.of(b, vs, ve);
                } else if (is(b, ks, ke, K_SASL_USERNAME)) {
                    saslUsername = str(b, vs, ve);
                } else if (is(b, ks, ke, K_SASL_SENDER)) {
                    saslSender = str(b, vs, ve);
                }
                end = p;
            }
        }
    }

    /** An SMTP reply or refusal text: {@code [CODE ][DSN ][<target>: ]text}. */
    private static final class Reply {
        int code = -1;
        String dsn;
        String target;
        String reasonText;
        String rblDomain;
        String response;

        void parse(byte[] b, int t, int k) {
            if (t >= k) {
                return;
            }
            response = str(b, t, k);
            int p = t;
            if (k - p >= 3 && isDigit(b[p]) && isDigit(b[p + 1]) && isDigit(b[p + 2])
                    && (k - p == 3 || b[p + 3] == ' ')) {
                code = (b[p] - '0') * 100 + (b[p + 1] - '0') * 10 + (b[p + 2] - '0');
                p = Math.min(p + 4, k);
            }
            int d = Bytes.dsnEnd(b, p, k);
            if (d > 0 && (d == k || b[d] == ' ')) {
                dsn = Words.of(b, p, d);
                p = Math.min(d + 1, k);
            }
            if (p < k && b[p] == '<') {
                int gt = find(b, p + 1, k, GT_COLON);
                if (gt >= 0) {
                    target = str(b, p + 1, gt);
                    p = Math.min(gt + 2, k);
                    while (p < k && b[p] == ' ') {
                        p++;
                    }
                }
            } else if (at(b, p, k, COLON_SP)) {
                p += 2;
            }
            if (at(b, p, k, SERVICE_UNAVAILABLE)) {
                int lb = find(b, p + SERVICE_UNAVAILABLE.length, k, SP_LBRACKET);
                int rb = lb < 0 ? -1 : find(b, lb + 2, k, RBRACKET_SP);
                if (rb > 0) {
                    target = str(b, lb + 2, rb);
                    p = rb + 2;
                    if (at(b, p, k, BLOCKED_USING)) {
                        int ds = p + BLOCKED_USING.length;
                        int de = find(b, ds, k, (byte) ';');
                        rblDomain = Words.of(b, ds, de < 0 ? k : de);
                    }
                }
            }
            reasonText = p == t ? response : str(b, p, k);
        }
    }

    private static final byte[] GT_COLON = ascii(">:");
    private static final byte[] SP_LBRACKET = ascii(" [");
    private static final byte[] RBRACKET_SP = ascii("] ");
}
