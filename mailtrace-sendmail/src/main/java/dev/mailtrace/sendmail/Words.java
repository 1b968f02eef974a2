package dev.mailtrace.sendmail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The short values sendmail repeats on every line (mailers, protocols, daemon names, body types,
 * status words, DSN codes, rulesets, TLS versions and verify results, SASL mechanisms, ...) as
 * shared constants: {@link #of} returns the same {@link String} instance for them instead of
 * decoding a new one per line. The table is indexed by length and first byte, so a lookup is one
 * array load and a compare or two, and a value that is no word costs next to nothing. Immutable
 * after class initialisation, so safe for any number of threads.
 */
final class Words {

    private static final int MAX_LENGTH = 40;
    /** Candidates by length and first byte: slot {@code length * 128 + (first & 127)}. */
    private static final byte[][][] KEYS = new byte[(MAX_LENGTH + 1) * 128][][];
    private static final String[][] VALUES = new String[(MAX_LENGTH + 1) * 128][];

    static {
        String[] words = {
            // mailers
            "esmtp", "smtp", "smtp8", "dsmtp", "relay", "local", "prog", "*file*", "*include*", "lmtp", "procmail",
            "cyrus", "cyrusv2", "mail11", "uucp", "uucp-new", "usenet", "fax", "discard", "error",
            // protocols, daemons, body types
            "SMTP", "ESMTP", "ESMTPS", "ESMTPA", "ESMTPSA", "LMTP", "UUCP", "MTA", "MTA-v4", "MTA-v6", "MSA", "MSP",
            "MSP-v4", "MSA-v4", "TLSMTA", "IPv4", "IPv6", "7BIT", "8BITMIME", "BINARYMIME",
            // status words and stages
            "Sent", "Deferred", "queued", "quarantined", "discarded", "User unknown", "Service unavailable",
            "Host unknown", "Data format error", "Remote protocol error", "rcpt", "mail", "data", "startup",
            "helo", "ehlo", "quit", "rset", "auth", "starttls", "server cmd read", "client greeting",
            "message collect", "CONNECT", "HELO", "MAIL", "RCPT", "DATA", "END-OF-MESSAGE", "STARTTLS", "ETRN",
            "VRFY", "EXPN", "AUTH", "reject", "discard", "quarantine", "tempfail", "accept", "add", "change",
            "delete", "insert", "header", "rcpt", "connect", "from", "to", "cmd=data", "eom",
            // rulesets
            "check_relay", "check_mail", "check_rcpt", "check_data", "check_eoh", "check_eom", "check_compat",
            "check_etrn", "check_vrfy", "check_expn", "tls_server", "tls_client", "tls_rcpt", "srv_features",
            "clt_features", "try_tls", "authinfo",
            // DSN codes
            "2.0.0", "2.1.5", "2.6.0", "4.0.0", "4.1.8", "4.2.0", "4.3.0", "4.3.2", "4.4.0", "4.4.1", "4.4.2",
            "4.4.3", "4.4.7", "4.5.0", "4.7.0", "4.7.1", "5.0.0", "5.1.1", "5.1.2", "5.1.3", "5.1.8", "5.2.0",
            "5.2.1", "5.2.2", "5.3.0", "5.3.4", "5.4.4", "5.5.0", "5.6.0", "5.7.0", "5.7.1", "5.7.26",
            // TLS and SASL
            "client", "server", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3", "TLSv1/SSLv3", "SSLv3", "OK", "NO",
            "NOT", "FAIL", "NONE", "SOFTWARE", "PROTOCOL", "TEMP", "TRUSTED", "DANE_FAIL", "DANE_NOTLS",
            "DANE_TEMP", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-SHA384", "AES256-SHA", "AES128-SHA", "RC4-SHA", "DHE-RSA-AES256-SHA",
            "PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "XOAUTH2", "GSSAPI", "EXTERNAL",
            // DSN notifications, hosts
            "DSN", "return to sender", "sender notify", "postmaster notify", "localhost", "127.0.0.1", "::1",
            "lost input channel", "timeout waiting for input", "alias", "forward",
        };
        for (String w : words) {
            put(w);
        }
    }

    private Words() {
    }

    private static void put(String w) {
        byte[] k = w.getBytes(StandardCharsets.UTF_8);
        if (k.length == 0 || k.length > MAX_LENGTH) {
            throw new IllegalArgumentException("word length " + k.length + ": [" + w + "]");
        }
        int slot = k.length * 128 + (k[0] & 127);
        byte[][] ks = KEYS[slot];
        if (ks == null) {
            KEYS[slot] = new byte[][] {k};
            VALUES[slot] = new String[] {w};
            return;
        }
        for (byte[] x : ks) {
            if (Arrays.equals(x, k)) {
                return;
            }
        }
        KEYS[slot] = Arrays.copyOf(ks, ks.length + 1);
        KEYS[slot][ks.length] = k;
        VALUES[slot] = Arrays.copyOf(VALUES[slot], ks.length + 1);
        VALUES[slot][ks.length] = w;
    }

    /** Whether {@code b} holds {@code k} at {@code p}, the first byte known equal (a plain loop: words are short). */
    private static boolean same(byte[] k, byte[] b, int p) {
        for (int i = 1; i < k.length; i++) {
            if (k[i] != b[p + i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code b[p, e)} as a shared constant if it is a known word, else decoded; null for an invalid range. */
    static String of(byte[] b, int p, int e) {
        if (p < 0 || e < p) {
            return null;
        }
        int n = e - p;
        if (n == 0) {
            return "";
        }
        if (n > MAX_LENGTH) {
            return Bytes.str(b, p, e);
        }
        int slot = n * 128 + (b[p] & 127);
        byte[][] ks = KEYS[slot];
        if (ks != null && b[p] >= 0) {
            for (int i = 0; i < ks.length; i++) {
                if (same(ks[i], b, p)) {
                    return VALUES[slot][i];
                }
            }
        }
        return Bytes.str(b, p, e);
    }
}
