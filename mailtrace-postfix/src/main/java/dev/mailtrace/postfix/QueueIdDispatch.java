package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Endpoints.relay;
import static dev.mailtrace.postfix.Literals.BARE_LF;
import static dev.mailtrace.postfix.Literals.HOST_;
import static dev.mailtrace.postfix.Literals.LOST_CONNECTION;
import static dev.mailtrace.postfix.Literals.NOQUEUE;
import static dev.mailtrace.postfix.Literals.TIMEOUT;
import static dev.mailtrace.postfix.Literals.TOO_MANY_ERRORS;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * Lines that start with a queue id ({@code 4F9D195432C: }, {@code 4dFwzS0zFVz3xHS: },
 * {@code NOQUEUE: }): recognises the id and dispatches on the literal after it to the scanner of
 * the line's family.
 */
final class QueueIdDispatch {

    private QueueIdDispatch() {
    }

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
    private static final byte[] SKIPPED = ascii("skipped, still being delivered");
    private static final byte[] LOST_CONNECTION_WITH = ascii("lost connection with ");
    private static final byte[] CONVERSATION_WITH = ascii("conversation with ");
    private static final byte[] SASL_AUTH_FAILED_SERVER = ascii("SASL authentication failed; server ");
    private static final byte[] SASL_CACHED_AUTH_FAILED_SERVER = ascii("SASL [CACHED] authentication failed; server ");
    private static final byte[] ENABLING_PIX = ascii("enabling PIX workarounds: ");
    private static final byte[] TLS_REQUIRED = ascii("TLS is required, but was not offered by host ");
    private static final byte[] CANNOT_START_TLS = ascii("Cannot start TLS: ");
    private static final byte[] SERVER_CERT_NOT_VERIFIED = ascii("Server certificate not verified");
    private static final byte[] BREAKING_LINE = ascii("breaking line > ");

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

    /**
     * Parses the line whose queue id is {@code b[qs, qe)} and whose text after {@code ": "} is
     * {@code b[p, e)}; what no literal here claims is tried as an {@code ACTION: ...} line.
     */
    static boolean parse(byte[] b, int qs, int qe, int p, int e, Consumer<? super LogEvent> out) {
        if (p >= e) {
            return false;
        }
        String qid = is(b, qs, qe, NOQUEUE) ? null : str(b, qs, qe);
        switch (b[p]) {
            case 't':
                if (at(b, p, e, TO_EQ)) {
                    return DeliveryLines.delivery(qid, b, p, e, out);
                }
                if (at(b, p, e, TIMEOUT) || at(b, p, e, TOO_MANY_ERRORS)) {
                    return SmtpdLines.lostConnection(qid, b, p, e, out);
                }
                break;
            case 'f':
                if (at(b, p, e, FROM_LT)) {
                    return QueueLines.qmgrFrom(qid, b, p + FROM_LT.length, e, out);
                }
                break;
            case 'c':
                if (at(b, p, e, CLIENT_EQ)) {
                    return SmtpdLines.smtpdClient(qid, b, p + CLIENT_EQ.length, e, out);
                }
                if (at(b, p, e, CONVERSATION_WITH)) {
                    return SmtpClientLines.conversationTimedOut(qid, b, p + CONVERSATION_WITH.length, e, out);
                }
                break;
            case 'm':
                if (at(b, p, e, MESSAGE_ID_EQ)) {
                    out.accept(new MessageId(qid, QueueLines.messageId(b, p + MESSAGE_ID_EQ.length, e)));
                    return true;
                }
                break;
            case 'r':
                if (at(b, p, e, REMOVED)) {
                    return QueueLines.removed(qid, b, p + REMOVED.length, e, out);
                }
                if (is(b, p, e, REQUEUED) || is(b, p, e, RELEASED_FROM_HOLD)) {
                    out.accept(new Postsuper(qid, Words.of(b, p, e), -1));
                    return true;
                }
                if (at(b, p, e, RESENT_MESSAGE_ID_EQ)) {
                    out.accept(new ResentMessageId(qid, QueueLines.messageId(b, p + RESENT_MESSAGE_ID_EQ.length, e)));
                    return true;
                }
                break;
            case 'u':
                if (at(b, p, e, UID_EQ)) {
                    return QueueLines.pickup(qid, b, p + UID_EQ.length, e, out);
                }
                break;
            case 's':
                if (at(b, p, e, SENDER_)) {
                    return QueueLines.bounce(qid, b, p, p + SENDER_.length - 1, e, out);
                }
                if (is(b, p, e, SKIPPED)) {
                    out.accept(new Skipped(qid));
                    return true;
                }
                break;
            case 'p':
                if (at(b, p, e, POSTMASTER_)) {
                    return QueueLines.bounce(qid, b, p, p + POSTMASTER_.length - 1, e, out);
                }
                if (is(b, p, e, PLACED_ON_HOLD)) {
                    out.accept(new Postsuper(qid, Words.of(b, p, e), -1));
                    return true;
                }
                break;
            case 'h':
                if (at(b, p, e, HOST_)) {
                    return SmtpClientLines.hostSaid(qid, b, p + HOST_.length, e, out);
                }
                break;
            case 'l':
                if (at(b, p, e, LOST_CONNECTION_WITH)) {
                    return SmtpClientLines.lostConnectionWith(qid, b, p + LOST_CONNECTION_WITH.length, e, out);
                }
                if (at(b, p, e, LOST_CONNECTION)) {
                    return SmtpdLines.lostConnection(qid, b, p, e, out);
                }
                break;
            case 'e':
                if (at(b, p, e, ENABLING_PIX)) {
                    return SmtpClientLines.pix(qid, b, p + ENABLING_PIX.length, e, out);
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
                    return SmtpdLines.lostConnection(qid, b, p, e, out);
                }
                break;
            case 'S':
                if (at(b, p, e, SASL_AUTH_FAILED_SERVER)) {
                    return SmtpClientLines.saslServerSaid(qid, b, p + SASL_AUTH_FAILED_SERVER.length, e, out);
                }
                if (at(b, p, e, SASL_CACHED_AUTH_FAILED_SERVER)) {
                    return SmtpClientLines.saslServerSaid(qid, b, p + SASL_CACHED_AUTH_FAILED_SERVER.length, e, out);
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
        return ActionLines.parse(qid, b, p, e, out);
    }
}
