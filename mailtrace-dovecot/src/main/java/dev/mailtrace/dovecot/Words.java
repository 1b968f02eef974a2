package dev.mailtrace.dovecot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The short values these programs repeat on every line (service names, SASL mechanisms, TLS
 * states, mailbox names, verdicts, ...) as shared constants: {@link #of} returns the same
 * {@link String} instance for them instead of decoding a new one per line. Immutable after class
 * initialisation, so safe for any number of threads. (The same mechanism as mailtrace-postfix's
 * {@code Words}, with this module's vocabulary; both move to the planned shared kit.)
 */
final class Words {

    private static final int SIZE = 512; // power of two, well over twice the word count
    private static final int MAX_LENGTH = 40;
    private static final byte[][] KEYS = new byte[SIZE][];
    private static final String[] VALUES = new String[SIZE];
    /** Which lengths and first bytes occur: most values that are not words are turned away without hashing. */
    private static final boolean[] LENGTHS = new boolean[MAX_LENGTH + 1];
    private static final boolean[] FIRST = new boolean[256];

    static {
        String[] words = {
            // dovecot services and processes
            "imap", "pop3", "submission", "managesieve", "lmtp", "lda", "deliver", "auth", "auth-worker",
            "imap-login", "pop3-login", "submission-login", "managesieve-login", "master", "config", "log",
            "anvil", "stats", "indexer", "indexer-worker", "doveadm", "dict", "imap-urlauth", "quota-warning",
            "dovecot", "dovecot-auth", "dovecot-lda",
            // passdbs and SASL mechanisms
            "pam", "passwd-file", "passwd", "shadow", "sql", "ldap", "checkpassword", "static", "oauth2", "lua",
            "pam_unix", "dovecot:auth", "PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "XOAUTH2", "OAUTHBEARER",
            "SCRAM-SHA-1", "SCRAM-SHA-256", "EXTERNAL", "ANONYMOUS", "plain", "login",
            // TLS
            "TLS", "TLS handshaking", "secured", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3", "SSLv3",
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
            "DHE-RSA-AES256-GCM-SHA384", "Disconnected",
            // logout and login texts
            "Logged out", "Connection closed", "Disconnected for inactivity", "Disconnected: Inactivity",
            "Disconnected", "Aborted login", "Login aborted: Connection closed", "Disconnected: Connection closed",
            "Client has quit the connection", "Remote closed connection", "Login aborted: Logged out",
            "Disconnected: Too many invalid commands", "Disconnected: Too many invalid commands.",
            "Successful quit", "local", "127.0.0.1", "::1", "localhost",
            // mailboxes
            "INBOX", "Junk", "Spam", "Trash", "Sent", "Drafts", "INBOX.Junk", "INBOX.Spam", "Archive",
            // levels
            "info", "warning", "error", "fatal", "panic", "debug",
            // amavis
            "RelayedInbound", "RelayedOutbound", "RelayedInternal", "RelayedOpenRelay", "RelayedTaggedInbound",
            "DiscardedInbound", "DiscardedOutbound", "DiscardedInternal", "DiscardedInbound,Quarantined",
            "DiscardedOutbound,Quarantined", "RejectedInbound", "BouncedInbound", "MYNETS", "ORIGINATING",
            "ORIGINATING/MYNETS", "LOCAL",
            // MailScanner actions
            "deliver", "delete", "store", "header", "forward", "bounce", "deliver,header", "store,deliver,header",
            // milter-greylist, opendkim
            "default", "mail", "dkim", "selector1", "selector2", "google",
        };
        for (String w : words) {
            put(w);
        }
    }

    private Words() {
    }

    private static void put(String w) {
        byte[] k = w.getBytes(StandardCharsets.UTF_8);
        LENGTHS[k.length] = true;
        FIRST[k[0] & 0xff] = true;
        int mask = SIZE - 1;
        for (int i = hash(k, 0, k.length) & mask; ; i = (i + 1) & mask) {
            if (KEYS[i] == null) {
                KEYS[i] = k;
                VALUES[i] = w;
                return;
            }
            if (Arrays.equals(KEYS[i], k)) {
                return;
            }
        }
    }

    /** A constant-time hash of length and three bytes: the table compares the whole word anyway. */
    private static int hash(byte[] b, int p, int e) {
        int n = e - p;
        int h = n * 0x9E3779B1 + b[p] * 31 + b[e - 1] * 131 + b[p + (n >> 1)] * 8191;
        return h ^ (h >>> 15);
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
        if (n > MAX_LENGTH || !LENGTHS[n] || !FIRST[b[p] & 0xff]) {
            return Bytes.str(b, p, e);
        }
        int mask = SIZE - 1;
        for (int i = hash(b, p, e) & mask; ; i = (i + 1) & mask) {
            byte[] k = KEYS[i];
            if (k == null) {
                return Bytes.str(b, p, e);
            }
            if (k.length == n && Arrays.equals(k, 0, n, b, p, e)) {
                return VALUES[i];
            }
        }
    }
}
