package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.findLast;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Bytes.wordEnd;
import static dev.mailtrace.postfix.Literals.FOR_;
import static dev.mailtrace.postfix.Literals.UNKNOWN;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The figures daemons log about themselves: anvil's and scache's {@code statistics: ...} and the
 * postscreen and verify caches' {@code cache NAME full cleanup: retained=N dropped=N entries}.
 */
final class StatisticsLines {

    private StatisticsLines() {
    }

    private static final byte[] SIMULTANEOUS_DOMAINS = ascii("max simultaneous domains=");
    private static final byte[] ADDRESSES_EQ = ascii(" addresses=");
    private static final byte[] CONNECTION_EQ = ascii(" connection=");
    private static final byte[] START_INTERVAL = ascii("start interval ");
    private static final byte[] LOOKUP_HITS = ascii(" lookup hits=");
    private static final byte[] MISS_EQ = ascii(" miss=");
    private static final byte[] SUCCESS_EQ = ascii(" success=");
    private static final byte[] MAX_ = ascii("max ");
    private static final byte[] CACHE_SIZE_ = ascii("cache size ");
    private static final byte[][] ANVIL_NAMES = {ascii("connection"), ascii("message"), ascii("recipient"),
        ascii("newtls"), ascii("auth"), ascii("tlstrace")};
    private static final byte[] RATE_ = ascii(" rate ");
    private static final byte[] COUNT_ = ascii(" count ");
    private static final byte[] AT_ = ascii(" at ");
    private static final byte[] CLEANUP_RETAINED = ascii(" cleanup: retained=");
    private static final byte[] DROPPED_ = ascii(" dropped=");

    /**
     * After {@code statistics: }: anvil's
     * {@code max connection rate 3/60s for (smtp:192.0.2.1) at TIME} and the like, scache's
     * {@code domain lookup hits=N miss=N success=N},
     * {@code max simultaneous domains=N addresses=N connection=N} and {@code start interval TIME}.
     */
    static boolean statistics(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
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

    /** {@code cache NAME (full|partial) cleanup: retained=N dropped=N entries}. */
    static boolean cacheCleanup(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
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
}
