package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.AdminLines.DAEMON_STARTED;
import static dev.mailtrace.postfix.AdminLines.MASTER_EXIT;
import static dev.mailtrace.postfix.AdminLines.RELOAD;
import static dev.mailtrace.postfix.AdminLines.TERMINATING_ON_SIGNAL;
import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Literals.BARE_LF;
import static dev.mailtrace.postfix.Literals.DISCARDING_EHLO;
import static dev.mailtrace.postfix.Literals.HOST_;
import static dev.mailtrace.postfix.Literals.LOST_CONNECTION;
import static dev.mailtrace.postfix.Literals.TIMEOUT;
import static dev.mailtrace.postfix.Literals.TOO_MANY_ERRORS;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The postfix line scanner's entry: a line that starts with a queue id goes to
 * {@link QueueIdDispatch}; any other is dispatched on its first byte and leading literal to the
 * scanner of its line family ({@link SmtpdLines}, {@link SmtpClientLines}, {@link ActionLines},
 * {@link TlsLines}, {@link PostscreenLines}, {@link StatisticsLines}, {@link AdminLines},
 * {@link WarningLines}), which reads the fields with hand-written byte scanning. Stateless: the
 * scanners are static methods. A line allocates its event and the event's strings and, where it
 * has them, a reader of its reply ({@link SmtpReply}), envelope tail ({@link EnvelopeTail}) or
 * TLS signatures.
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

    // smtpd, smtp, tlsproxy
    private static final byte[] CONNECT_FROM = ascii("connect from ");
    private static final byte[] CONNECT_TO = ascii("connect to ");
    private static final byte[] DISCONNECT_FROM = ascii("disconnect from ");
    private static final byte[] IMPROPER_PIPELINING = ascii("improper command pipelining after ");
    private static final byte[] SSL_ACCEPT_ERROR_FROM = ascii("SSL_accept error from ");
    private static final byte[] SSL_CONNECT_ERROR_TO = ascii("SSL_connect error to ");
    private static final byte[] PROXY_ = ascii("proxy-");
    private static final byte[] SETTING_UP_TLS = ascii("setting up TLS connection ");
    private static final byte[] CERT_VERIFICATION_FAILED = ascii("certificate verification failed for ");
    private static final byte[] SERVER_CERT_VERIFICATION_FAILED = ascii("server certificate verification failed for ");
    private static final byte[] TLS_HANDSHAKE_FAILED = ascii("TLS handshake failed for ");
    private static final byte[] HOST_OFFERED_STARTTLS = ascii("Host offered STARTTLS: [");

    // postscreen, tlsproxy, verify, dnsblog, anvil, scache
    private static final byte[] CONNECT_ = ascii("CONNECT ");
    private static final byte[] DISCONNECT_ = ascii("DISCONNECT ");
    private static final byte[] REJECT_CONNECT_FROM = ascii("reject: connect from ");
    private static final byte[] CACHE_ = ascii("cache ");
    private static final byte[] ADDR_ = ascii("addr ");
    private static final byte[] STATISTICS_ = ascii("statistics: ");

    // master, postmap, postfix-script
    private static final byte[] TABLE_ = ascii("table ");
    private static final byte[] HAS_CHANGED = ascii(" has changed -- ");
    private static final byte[] POSTFIX_MAIL_SYSTEM = ascii("the Postfix mail system");

    /**
     * Parses one postfix message {@code b[s, e)} (after the syslog header).
     *
     * @return whether it was recognised; an event has then been given to {@code out}
     */
    static boolean parse(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        if (s < 0 || e > b.length || s >= e) {
            return false;
        }
        int q = QueueIdDispatch.queueIdEnd(b, s, e);
        if (q > 0) {
            return QueueIdDispatch.parse(b, s, q, q + 2, e, out);
        }
        switch (b[s]) {
            case 'w':
                if (at(b, s, e, WARNING_)) {
                    return WarningLines.warning("warning", b, s + WARNING_.length, e, out);
                }
                return AdminLines.notice(b, s, e, POSTFIX_MAIL_SYSTEM, out);
            case 'f':
                return at(b, s, e, FATAL_) && WarningLines.warning("fatal", b, s + FATAL_.length, e, out);
            case 'p':
                if (at(b, s, e, PANIC_)) {
                    return WarningLines.warning("panic", b, s + PANIC_.length, e, out);
                }
                return at(b, s, e, PROXY_) && ActionLines.proxy(b, s + PROXY_.length, e, out);
            case 'e':
                return at(b, s, e, ERROR_) && WarningLines.warning("error", b, s + ERROR_.length, e, out);
            case 'c':
                if (at(b, s, e, CONNECT_FROM)) {
                    return SmtpdLines.connect(b, s + CONNECT_FROM.length, e, out);
                }
                if (at(b, s, e, CONNECT_TO)) {
                    return SmtpClientLines.connectError(b, s + CONNECT_TO.length, e, out);
                }
                if (at(b, s, e, CACHE_)) {
                    return StatisticsLines.cacheCleanup(b, s + CACHE_.length, e, out);
                }
                return at(b, s, e, CERT_VERIFICATION_FAILED) && TlsLines.error("certificate verification failed", b,
                        s + CERT_VERIFICATION_FAILED.length, e, out);
            case 'd':
                if (at(b, s, e, DISCONNECT_FROM)) {
                    return SmtpdLines.disconnect(b, s + DISCONNECT_FROM.length, e, out);
                }
                if (at(b, s, e, DISCARDING_EHLO)) {
                    out.accept(new EhloKeywordsDiscarded(null, str(b, s + DISCARDING_EHLO.length, e)));
                    return true;
                }
                return at(b, s, e, DAEMON_STARTED) && AdminLines.master(b, s, e, out);
            case 'l':
                return at(b, s, e, LOST_CONNECTION) && SmtpdLines.lostConnection(null, b, s, e, out);
            case 't':
                if (at(b, s, e, TIMEOUT) || at(b, s, e, TOO_MANY_ERRORS)) {
                    return SmtpdLines.lostConnection(null, b, s, e, out);
                }
                if (at(b, s, e, TERMINATING_ON_SIGNAL)) {
                    return AdminLines.master(b, s, e, out);
                }
                if (at(b, s, e, TABLE_)) {
                    return find(b, s, e, HAS_CHANGED) > 0 && AdminLines.notice(b, s, e, TABLE_, out);
                }
                return AdminLines.notice(b, s, e, POSTFIX_MAIL_SYSTEM, out);
            case 'b':
                return at(b, s, e, BARE_LF) && SmtpdLines.lostConnection(null, b, s, e, out);
            case 'i':
                return at(b, s, e, IMPROPER_PIPELINING)
                        && SmtpdLines.improperPipelining(b, s + IMPROPER_PIPELINING.length, e, out);
            case 's':
                if (at(b, s, e, STATISTICS_)) {
                    return StatisticsLines.statistics(b, s + STATISTICS_.length, e, out);
                }
                if (at(b, s, e, SETTING_UP_TLS)) {
                    return AdminLines.notice(b, s, e, SETTING_UP_TLS, out);
                }
                if (at(b, s, e, SERVER_CERT_VERIFICATION_FAILED)) {
                    return TlsLines.error("server certificate verification failed", b,
                            s + SERVER_CERT_VERIFICATION_FAILED.length, e, out);
                }
                return AdminLines.notice(b, s, e, POSTFIX_MAIL_SYSTEM, out);
            case 'r':
                if (at(b, s, e, RELOAD)) {
                    return AdminLines.master(b, s, e, out);
                }
                if (at(b, s, e, REJECT_CONNECT_FROM)) {
                    return PostscreenLines.busy(b, s + REJECT_CONNECT_FROM.length, e, out);
                }
                return AdminLines.notice(b, s, e, POSTFIX_MAIL_SYSTEM, out);
            case 'a':
                if (at(b, s, e, ADDR_)) {
                    return PostscreenLines.dnsblog(b, s + ADDR_.length, e, out);
                }
                return AdminLines.notice(b, s, e, POSTFIX_MAIL_SYSTEM, out);
            case 'h':
                return at(b, s, e, HOST_) && SmtpClientLines.hostOffersSmtputf8(b, s + HOST_.length, e, out);
            case 'm':
                return is(b, s, e, MASTER_EXIT) && AdminLines.master(b, s, e, out);
            case 'S':
                if (at(b, s, e, SSL_ACCEPT_ERROR_FROM)) {
                    return SmtpdLines.sslAcceptError(b, s + SSL_ACCEPT_ERROR_FROM.length, e, out);
                }
                return at(b, s, e, SSL_CONNECT_ERROR_TO)
                        && TlsLines.error("SSL_connect error", b, s + SSL_CONNECT_ERROR_TO.length, e, out);
            case 'T':
                if (at(b, s, e, TLS_HANDSHAKE_FAILED)) {
                    return TlsLines.handshakeFailed(b, s + TLS_HANDSHAKE_FAILED.length, e, out);
                }
                return TlsLines.summary(b, s, e, out);
            case 'U':
            case 'V':
                return TlsLines.summary(b, s, e, out);
            case 'A':
                return PostscreenLines.verdict(b, s, e, out) || TlsLines.summary(b, s, e, out);
            case 'H':
                if (at(b, s, e, HOST_OFFERED_STARTTLS)) {
                    int rb = find(b, s + HOST_OFFERED_STARTTLS.length, e, (byte) ']');
                    out.accept(new StarttlsOffered(str(b, s + HOST_OFFERED_STARTTLS.length, rb < 0 ? e : rb)));
                    return true;
                }
                return PostscreenLines.verdict(b, s, e, out);
            case 'C':
                if (at(b, s, e, CONNECT_)) {
                    return PostscreenLines.connect(b, s + CONNECT_.length, e, out);
                }
                return PostscreenLines.verdict(b, s, e, out);
            case 'D':
                if (at(b, s, e, DISCONNECT_)) {
                    return PostscreenLines.disconnect(b, s + DISCONNECT_.length, e, out);
                }
                return PostscreenLines.verdict(b, s, e, out) || AdminLines.postsuperSummary(b, s, e, out);
            case 'P':
            case 'R':
            case 'F':
            case 'E':
                return PostscreenLines.verdict(b, s, e, out) || AdminLines.postsuperSummary(b, s, e, out);
            case 'B':
            case 'N':
            case 'W':
                return PostscreenLines.verdict(b, s, e, out);
            case '[':
                return PostscreenLines.ehloKeywordsDiscarded(b, s, e, out);
            default:
                return false;
        }
    }
}
