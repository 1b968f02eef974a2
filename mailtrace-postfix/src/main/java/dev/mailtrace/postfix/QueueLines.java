package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Endpoints.closeAngle;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * A message's way through the queue after its queue id: qmgr's {@code from=<..>, size=.., nrcpt=..}
 * and expiry, cleanup's {@code message-id=}, pickup's {@code uid=.. from=<..>}, {@code removed},
 * and bounce's sender and postmaster notifications.
 */
final class QueueLines {

    private QueueLines() {
    }

    private static final byte[] SIZE_EQ = ascii("size=");
    private static final byte[] COLON_COMMA_SP_NRCPT = ascii(", nrcpt=");
    private static final byte[] STATUS_EQ = ascii("status=");
    private static final byte[] FROM_SP_LT = ascii(" from=<");
    private static final byte[] SP_ORIG_ID_EQ = ascii(" orig_id=");
    private static final byte[] NOTIFICATION_ = ascii(" notification: ");

    /** After {@code from=<}: {@code SENDER>, size=N, nrcpt=N} (qmgr) or {@code SENDER>, status=expired, ...}. */
    static boolean qmgrFrom(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
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

    /** The id of {@code message-id=<ID>} without its angle brackets. */
    static String messageId(byte[] b, int p, int e) {
        if (p < e && b[p] == '<' && b[e - 1] == '>') {
            return str(b, p + 1, e - 1);
        }
        return str(b, p, e);
    }

    /** After {@code removed}: nothing or {@code  (DETAIL)}. */
    static boolean removed(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
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

    /** After {@code uid=}: {@code UID from=<SENDER>[ orig_id=QID]}. */
    static boolean pickup(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
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

    /** {@code sender|postmaster non-delivery notification: QID} (bounce), the first word ending at {@code toEnd}. */
    static boolean bounce(String qid, byte[] b, int p, int toEnd, int e, Consumer<? super LogEvent> out) {
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
}
