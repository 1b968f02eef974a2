package dev.mailtrace.sendmail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys of sendmail's {@code key=value} lines, numbered so that a scanner reads a key once and
 * switches on its number ({@code switch (Keys.of(b, p, k)) { case Keys.SIZE -> ... }}) instead of
 * comparing it with each key it knows in turn. The lookup allocates nothing: the candidates are the
 * keys with the slice's first byte, compared by length, then byte by byte.
 */
final class Keys {

    private Keys() {
    }

    /** Not one of {@link #NAMES}. */
    static final int UNKNOWN = -1;

    static final int FROM = 0;
    static final int SIZE = 1;
    static final int CLASS = 2;
    static final int CIPHER = 3;
    static final int NRCPTS = 4;
    static final int NTRIES = 5;
    static final int MSGID = 6;
    static final int MAILER = 7;
    static final int BODYTYPE = 8;
    static final int PROTO = 9;
    static final int PRI = 10;
    static final int DAEMON = 11;
    static final int DELAY = 12;
    static final int DSN = 13;
    static final int RELAY = 14;
    static final int REPLY = 15;
    static final int REJECT = 16;
    static final int AUTH = 17;
    static final int ARG1 = 18;
    static final int RULESET = 19;
    static final int ARG2 = 20;
    static final int TLS_VERIFY = 21;
    static final int TLS_VERSION = 22;
    static final int TO = 23;
    static final int CTLADDR = 24;
    static final int XDELAY = 25;
    static final int STAT = 26;
    static final int STATUS = 27;
    static final int STAGE = 28;
    static final int QUARANTINE = 29;
    static final int ACTION = 30;
    static final int HOST = 31;
    static final int ADDR = 32;
    static final int HELO = 33;
    static final int CMD = 34;
    static final int AUTHID = 35;
    static final int VERSION = 36;
    static final int VERIFY = 37;
    static final int BITS = 38;
    static final int PUBKEY_FP = 39;
    static final int MECH = 40;

    /** The keys, each at the index of its number. */
    private static final String[] NAMES = {"from", "size", "class", "cipher", "nrcpts", "ntries", "msgid", "mailer",
        "bodytype", "proto", "pri", "daemon", "delay", "dsn", "relay", "reply", "reject", "auth", "arg1", "ruleset",
        "arg2", "tls_verify", "tls_version", "to", "ctladdr", "xdelay", "stat", "status", "stage", "quarantine",
        "action", "host", "addr", "helo", "cmd", "authid", "version", "verify", "bits", "pubkey_fp", "mech"};

    /** By first byte: the keys that start with it, and their numbers. */
    private static final byte[][][] BY_FIRST = new byte[128][][];
    private static final int[][] NUMBERS_BY_FIRST = new int[128][];

    static {
        for (int n = 0; n < NAMES.length; n++) {
            byte[] key = NAMES[n].getBytes(StandardCharsets.US_ASCII);
            int c = key[0];
            byte[][] keys = BY_FIRST[c];
            int count = keys == null ? 0 : keys.length;
            BY_FIRST[c] = keys == null ? new byte[1][] : Arrays.copyOf(keys, count + 1);
            NUMBERS_BY_FIRST[c] = keys == null ? new int[1] : Arrays.copyOf(NUMBERS_BY_FIRST[c], count + 1);
            BY_FIRST[c][count] = key;
            NUMBERS_BY_FIRST[c][count] = n;
        }
    }

    /** The number of the key {@code b[p, e)}, or {@link #UNKNOWN}. */
    static int of(byte[] b, int p, int e) {
        if (p >= e || b[p] < 0) {
            return UNKNOWN;
        }
        byte[][] keys = BY_FIRST[b[p]];
        if (keys == null) {
            return UNKNOWN;
        }
        int n = e - p;
        for (int i = 0; i < keys.length; i++) {
            byte[] key = keys[i];
            if (key.length == n && Bytes.at(b, p, e, key)) {
                return NUMBERS_BY_FIRST[b[p]][i];
            }
        }
        return UNKNOWN;
    }
}
