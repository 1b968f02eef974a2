package dev.mailtrace.postfix;

import java.util.Arrays;
import java.util.List;

import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;

/**
 * The per-command counters smtpd logs on {@code disconnect} (postfix 3.0 and later):
 * {@code ehlo=2 starttls=1 mail=1 rcpt=0/1 data=0/1 quit=1 commands=5/7}. A count {@code a/b}
 * means a of b commands succeeded; a single number means all succeeded. Immutable.
 */
public final class CommandStats {

    /** The commands smtpd counts, in the order it logs them. */
    public static final List<String> COMMANDS = List.of("helo", "ehlo", "xclient", "xforward", "starttls", "auth",
            "mail", "rcpt", "data", "bdat", "rset", "noop", "vrfy", "etrn", "quit", "help", "unimpl", "unknown");

    private static final String[] TOTAL_FIELDS = new String[COMMANDS.size()];
    private static final String[] ACCEPTED_FIELDS = new String[COMMANDS.size()];
    private static final byte[][] NAMES = new byte[COMMANDS.size()][];

    static {
        for (int i = 0; i < COMMANDS.size(); i++) {
            TOTAL_FIELDS[i] = "cmd_" + COMMANDS.get(i);
            ACCEPTED_FIELDS[i] = TOTAL_FIELDS[i] + "_accepted";
            NAMES[i] = Bytes.ascii(COMMANDS.get(i));
        }
    }

    /** The fields written: {@code cmd_<name>}, {@code cmd_<name>_accepted} per command, then the totals. */
    static FieldSpec[] fields() {
        FieldSpec[] f = new FieldSpec[COMMANDS.size() * 2 + 2];
        for (int i = 0; i < COMMANDS.size(); i++) {
            f[2 * i] = FieldSpec.number(TOTAL_FIELDS[i], COMMANDS.get(i) + " commands received");
            f[2 * i + 1] = FieldSpec.number(ACCEPTED_FIELDS[i], COMMANDS.get(i) + " commands that succeeded");
        }
        f[f.length - 2] = FieldSpec.number("commands", "commands received in the session");
        f[f.length - 1] = FieldSpec.number("commands_accepted", "commands that succeeded");
        return f;
    }

    // accepted and total per command, -1 when not logged; the last pair is commands=
    private final int[] counts;

    private CommandStats(int[] counts) {
        this.counts = counts;
    }

    /** Parses the statistics in {@code b[p, e)}; null if there is no {@code commands=} total. */
    static CommandStats parse(byte[] b, int p, int e) {
        int[] counts = null;
        while (p < e) {
            while (p < e && b[p] == ' ') {
                p++;
            }
            int eq = p;
            while (eq < e && Bytes.isLower(b[eq])) {
                eq++;
            }
            if (eq == p || eq >= e || b[eq] != '=') {
                return null;
            }
            int n1 = Bytes.digits(b, eq + 1, e);
            int accepted = Bytes.integer(b, eq + 1, n1);
            int total = accepted;
            int next = n1;
            if (n1 < e && b[n1] == '/') {
                next = Bytes.digits(b, n1 + 1, e);
                total = Bytes.integer(b, n1 + 1, next);
            }
            if (accepted < 0 || total < 0 || (next < e && b[next] != ' ')) {
                return null;
            }
            if (counts == null) {
                counts = new int[2 * COMMANDS.size() + 2];
                Arrays.fill(counts, -1);
            }
            int slot = slot(b, p, eq);
            if (slot >= 0) {
                counts[2 * slot] = accepted;
                counts[2 * slot + 1] = total;
            }
            p = next;
        }
        return counts == null || counts[counts.length - 1] < 0 ? null : new CommandStats(counts);
    }

    private static final byte[] COMMANDS_KEY = Bytes.ascii("commands");

    private static int slot(byte[] b, int p, int e) {
        if (Bytes.is(b, p, e, COMMANDS_KEY)) {
            return COMMANDS.size();
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (Bytes.is(b, p, e, NAMES[i])) {
                return i;
            }
        }
        return -1;
    }

    /** How many {@code command}s were received, or -1 if none is logged. */
    public int total(String command) {
        int i = COMMANDS.indexOf(command);
        return i < 0 ? -1 : counts[2 * i + 1];
    }

    /** How many {@code command}s succeeded, or -1 if none is logged. */
    public int accepted(String command) {
        int i = COMMANDS.indexOf(command);
        return i < 0 ? -1 : counts[2 * i];
    }

    /** All commands received ({@code commands=a/b}: b). */
    public int commands() {
        return counts[counts.length - 1];
    }

    /** All commands that succeeded ({@code commands=a/b}: a). */
    public int commandsAccepted() {
        return counts[counts.length - 2];
    }

    void writeFields(FieldWriter out) {
        for (int i = 0; i < COMMANDS.size(); i++) {
            if (counts[2 * i + 1] >= 0) {
                out.number(TOTAL_FIELDS[i], counts[2 * i + 1]);
                out.number(ACCEPTED_FIELDS[i], counts[2 * i]);
            }
        }
        out.number("commands", commands());
        out.number("commands_accepted", commandsAccepted());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandStats && Arrays.equals(counts, ((CommandStats) o).counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < COMMANDS.size(); i++) {
            if (counts[2 * i + 1] >= 0) {
                append(sb.append(COMMANDS.get(i)).append('='), counts[2 * i], counts[2 * i + 1]).append(' ');
            }
        }
        return append(sb.append("commands="), commandsAccepted(), commands()).toString();
    }

    private static StringBuilder append(StringBuilder sb, int accepted, int total) {
        sb.append(accepted);
        return accepted == total ? sb : sb.append('/').append(total);
    }
}
