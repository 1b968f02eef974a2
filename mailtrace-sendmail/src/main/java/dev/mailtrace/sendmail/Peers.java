package dev.mailtrace.sendmail;

import static dev.mailtrace.sendmail.Bytes.ascii;
import static dev.mailtrace.sendmail.Bytes.at;
import static dev.mailtrace.sendmail.Bytes.endsWith;
import static dev.mailtrace.sendmail.Bytes.find;
import static dev.mailtrace.sendmail.Bytes.is;
import static dev.mailtrace.sendmail.Bytes.str;

/**
 * The other end of a connection as sendmail writes it ({@code relay=}, session messages):
 * {@code [user@]name [addr] (may be forged)}, read into a {@link Peer}.
 */
final class Peers {

    private Peers() {
    }

    private static final byte[] MAY_BE_FORGED = ascii(" (may be forged)");
    private static final byte[] IPV6_ = ascii("IPv6:");
    private static final byte[] LOCALHOST = ascii("localhost");
    private static final byte[] LOOPBACK = ascii("127.0.0.1");

    /**
     * The end of a peer at {@code p}: {@code [user@]name}, {@code [addr]}, an optional
     * {@code  [addr]} after a name, an optional {@code  (may be forged)}.
     */
    static int peerEnd(byte[] b, int p, int e) {
        int i = p;
        if (i < e && b[i] == '[') {
            int rb = find(b, i, e, (byte) ']');
            if (rb < 0) {
                return -1;
            }
            i = rb + 1;
        } else {
            while (i < e && b[i] != ' ' && b[i] != ':' && b[i] != ',') {
                i++;
            }
            if (i == p) {
                return -1;
            }
        }
        if (i + 1 < e && b[i] == ' ' && b[i + 1] == '[') {
            int rb = find(b, i + 2, e, (byte) ']');
            if (rb > 0) {
                i = rb + 1;
            }
        }
        if (at(b, i, e, MAY_BE_FORGED)) {
            i += MAY_BE_FORGED.length;
        }
        return i;
    }

    /** The peer written in {@code b[p, e)} (see {@link Peer}). */
    static Peer peer(byte[] b, int p, int e) {
        boolean forged = false;
        if (e > p && b[e - 1] == ')' && endsWith(b, p, e, MAY_BE_FORGED)) {
            forged = true;
            e -= MAY_BE_FORGED.length;
        }
        String user = null;
        String hostname = null;
        String ip = null;
        int i = p;
        if (i < e && b[i] == '[') {
            int rb = find(b, i, e, (byte) ']');
            int ce = rb < 0 ? e : rb;
            if (isAddress(b, i + 1, ce)) {
                ip = ip(b, i + 1, ce);
            } else {
                hostname = str(b, i + 1, ce);
            }
            i = rb < 0 ? e : rb + 1;
        } else {
            int te = i;
            int at = -1;
            for (; te < e; te++) {
                byte c = b[te];
                if (c == ' ') {
                    break;
                }
                if (c == '@' && at < 0) {
                    at = te;
                }
            }
            int hs = i;
            if (at > i) {
                user = str(b, i, at);
                hs = at + 1;
            }
            int he = te;
            if (he - hs > 1 && b[he - 1] == '.') {
                he--;
            }
            if (hs < he) {
                hostname = is(b, hs, he, LOCALHOST) ? "localhost" : str(b, hs, he);
            }
            i = te;
        }
        if (i + 1 < e && b[i] == ' ' && (b[i + 1] == '[' || b[i + 1] == '(')) {
            byte close = b[i + 1] == '[' ? (byte) ']' : (byte) ')';
            int rb = find(b, i + 2, e, close);
            int ce = rb < 0 ? e : rb;
            if (isAddress(b, i + 2, ce)) {
                ip = ip(b, i + 2, ce);
            }
        }
        return new Peer(user, hostname, ip, forged);
    }

    private static boolean isAddress(byte[] b, int p, int e) {
        if (at(b, p, e, IPV6_)) {
            p += IPV6_.length;
        }
        return Bytes.isIp(b, p, e);
    }

    static String ip(byte[] b, int p, int e) {
        if (at(b, p, e, IPV6_)) {
            p += IPV6_.length;
        }
        return is(b, p, e, LOOPBACK) ? "127.0.0.1" : str(b, p, e);
    }

    static int skipSpaces(byte[] b, int p, int e) {
        while (p < e && b[p] == ' ') {
            p++;
        }
        return p;
    }
}
