package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.findLast;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Endpoints.bracketEnd;
import static dev.mailtrace.postfix.Endpoints.relay;
import static dev.mailtrace.postfix.Literals.COLON_SP;
import static dev.mailtrace.postfix.Literals.FOR_;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The smtp and lmtp client's errors: {@code connect to .. : ERROR}, {@code host .. said: ..},
 * {@code refused to talk to me}, lost connections and timeouts while sending, SASL failures,
 * missing 8BITMIME and PIX workarounds.
 */
final class SmtpClientLines {

    private SmtpClientLines() {
    }

    private static final byte[] SAID_ = ascii(" said: ");
    private static final byte[] REFUSED_ = ascii(" refused to talk to me: ");
    private static final byte[] IN_REPLY_TO = ascii(" (in reply to ");
    private static final byte[] COMMAND_PAREN = ascii(" command)");
    private static final byte[] OFFERS_SMTPUTF8 = ascii(" offers SMTPUTF8 support, but not 8BITMIME");
    private static final byte[] TIMED_OUT = ascii(" timed out");
    private static final byte[] WHILE_ = ascii(" while ");
    private static final byte[] SENDING_ = ascii("sending ");

    /** After {@code connect to }: {@code RELAY: ERROR}. */
    static boolean connectError(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0 || !at(b, re, e, COLON_SP)) {
            return false;
        }
        out.accept(new ConnectError(relay(b, p, re), Words.of(b, re + 2, e)));
        return true;
    }

    /**
     * After {@code host }: {@code RELAY said: REPLY[ (in reply to STAGE command)]} or
     * {@code RELAY refused to talk to me: REPLY}.
     */
    static boolean hostSaid(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
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

    /** After {@code host }: {@code RELAY offers SMTPUTF8 support, but not 8BITMIME}. */
    static boolean hostOffersSmtputf8(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0 || !is(b, re, e, OFFERS_SMTPUTF8)) {
            return false;
        }
        out.accept(new SmtpError(null, "no 8BITMIME", relay(b, p, re), null, null, null));
        return true;
    }

    /** After {@code lost connection with }: {@code RELAY[ while DOING]}. */
    static boolean lostConnectionWith(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0) {
            return false;
        }
        return sessionError(qid, "lost connection", b, p, re, re, e, out);
    }

    /** After {@code conversation with }: {@code RELAY timed out[ while DOING]}. */
    static boolean conversationTimedOut(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0 || !at(b, re, e, TIMED_OUT)) {
            return false;
        }
        return sessionError(qid, "conversation timed out", b, p, re, re + TIMED_OUT.length, e, out);
    }

    /**
     * The rest {@code b[w, e)} after the relay: nothing or {@code  while DOING}, with the stage of
     * {@code while sending STAGE}.
     */
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

    /** After {@code SASL [CACHED] authentication failed; server }: {@code RELAY said: REPLY}. */
    static boolean saslServerSaid(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0 || !at(b, re, e, SAID_)) {
            return false;
        }
        out.accept(new SmtpError(qid, "SASL authentication failed", relay(b, p, re), str(b, re + SAID_.length, e),
                null, null));
        return true;
    }

    /** After {@code enabling PIX workarounds: }: {@code WORKAROUNDS for RELAY}. */
    static boolean pix(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
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
}
