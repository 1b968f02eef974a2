package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.str;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The mail system's administration: master's start, reload, signal and exit lines, postsuper's
 * summaries ({@code Deleted: 3 messages}), and notices (postfix-script, postmap table changes).
 */
final class AdminLines {

    private AdminLines() {
    }

    // master's leading words, which the dispatcher tests too
    static final byte[] DAEMON_STARTED = ascii("daemon started");
    static final byte[] RELOAD = ascii("reload");
    static final byte[] TERMINATING_ON_SIGNAL = ascii("terminating on signal ");
    static final byte[] MASTER_EXIT = ascii("master exit time has arrived");
    private static final byte[] VERSION_ = ascii(" -- version ");
    private static final byte[] CONFIGURATION_ = ascii(", configuration ");
    private static final byte[][] POSTSUPER_SUMMARY = {ascii("Deleted: "), ascii("Requeued: "), ascii("Placed on hold: "),
        ascii("Released from hold: "), ascii("Force-expired: "), ascii("Expired: "),
        ascii("Renamed to match inode number: ")};
    private static final byte[] MESSAGE_ = ascii(" message");

    /**
     * master's {@code daemon started|reload[ -- version V, configuration C]},
     * {@code terminating on signal N} and {@code master exit time has arrived}.
     */
    static boolean master(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
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

    /** postsuper's {@code Deleted: N message(s)} and its other summaries. */
    static boolean postsuperSummary(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
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
    static boolean notice(byte[] b, int s, int e, byte[] literal, Consumer<? super LogEvent> out) {
        if (!at(b, s, e, literal) && find(b, s, Math.min(e, s + 40), literal) < 0) {
            return false;
        }
        out.accept(new Notice(null, str(b, s, e)));
        return true;
    }
}
