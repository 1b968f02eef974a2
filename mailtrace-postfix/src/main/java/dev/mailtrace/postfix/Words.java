package dev.mailtrace.postfix;

import java.nio.charset.StandardCharsets;

/**
 * The short values postfix repeats on every line (SMTP stages, actions, status words, DSN codes,
 * protocols, TLS versions, ...) as shared constants: {@link #of} returns the same {@link String}
 * instance for them instead of decoding a new one per line. Immutable after class initialisation,
 * so safe for any number of threads.
 */
final class Words {

    private static final int SIZE = 1024; // power of two, well over twice the word count
    private static final int MAX_LENGTH = 40;
    private static final byte[][] KEYS = new byte[SIZE][];
    private static final String[] VALUES = new String[SIZE];

    static {
        String[] words = {
            // SMTP stages as smtpd and the smtp client log them
            "CONNECT", "HELO", "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "BDAT", "RSET", "NOOP",
            "VRFY", "ETRN", "QUIT", "HELP", "UNKNOWN", "XCLIENT", "XFORWARD", "END-OF-MESSAGE", "DATA content",
            "BDAT content", "TLS", "RCPT TO", "MAIL FROM", "end of DATA", ".", "CONNECT from",
            // actions
            "reject", "reject_warning", "warn", "warning", "info", "hold", "discard", "filter", "redirect",
            "bcc", "delay", "hangup", "permit", "abort", "prepend", "replace", "strip", "pass", "ignore",
            "milter-reject", "milter-discard", "milter-hold", "accept", "header", "body", "content",
            "mime-error", "header-redirect", "body-redirect", "header-reject", "body-reject", "header-discard",
            "header-hold", "header-filter", "header-bcc", "header-replace", "header-prepend",
            // delivery status words
            "sent", "deferred", "bounced", "expired", "force-expired", "deliverable", "undeliverable",
            "undeliverable-but-not-cached", "deliverable-but-not-cached", "discarded",
            // relays and protocols
            "none", "local", "virtual", "dovecot", "maildrop", "spamassassin", "SMTP", "ESMTP", "LMTP",
            "unknown", "localhost", "127.0.0.1", "::1",
            // DSN codes
            "2.0.0", "2.1.5", "2.6.0", "4.0.0", "4.1.1", "4.1.8", "4.2.0", "4.2.2", "4.3.0", "4.3.1", "4.3.2",
            "4.3.5", "4.4.1", "4.4.2", "4.4.3", "4.4.7", "4.5.3", "4.7.0", "4.7.1", "4.7.25", "5.0.0", "5.1.0",
            "5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.8", "5.2.0", "5.2.1", "5.2.2", "5.3.0", "5.3.4", "5.4.1",
            "5.4.4", "5.4.6", "5.5.0", "5.5.1", "5.5.2", "5.5.3", "5.7.0", "5.7.1", "5.7.25", "5.7.26", "5.7.8",
            "5.7.9", "5.7.23", "5.7.27", "5.7.28",
            // levels and TLS
            "warning", "fatal", "panic", "error", "Anonymous", "Untrusted", "Trusted", "Verified",
            "established", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3", "SSLv3", "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-SHA384",
            "X25519", "X25519MLKEM768", "P-256", "P-384", "RSA-PSS", "RSA", "ECDSA", "SHA256", "SHA384",
            "may", "encrypt", "dane", "dane-only", "verify", "secure", "fingerprint",
            // SASL mechanisms
            "PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "XOAUTH2", "plain", "login",
            // postscreen
            "PASS NEW", "PASS OLD", "WHITELISTED", "ALLOWLISTED", "BLACKLISTED", "DENYLISTED",
            "WHITELIST VETO", "ALLOWLIST VETO", "PREGREET", "DNSBL", "HANGUP", "BARE NEWLINE",
            "COMMAND PIPELINING", "NON-SMTP COMMAND", "COMMAND TIME LIMIT", "COMMAND COUNT LIMIT",
            "COMMAND LENGTH LIMIT", "tests after SMTP handshake", "tests before SMTP handshake",
            // session errors
            "lost connection", "timeout", "too many errors", "bare <LF> received", "SSL_accept error",
            "Connection timed out", "Connection refused", "No route to host", "Network is unreachable",
            "smtp", "smtpd", "submission", "full", "partial",
        };
        for (String w : words) {
            put(w);
        }
    }

    private Words() {
    }

    private static void put(String w) {
        byte[] k = w.getBytes(StandardCharsets.UTF_8);
        int mask = SIZE - 1;
        for (int i = hash(k, 0, k.length) & mask; ; i = (i + 1) & mask) {
            if (KEYS[i] == null) {
                KEYS[i] = k;
                VALUES[i] = w;
                return;
            }
            if (java.util.Arrays.equals(KEYS[i], k)) {
                return;
            }
        }
    }

    private static int hash(byte[] b, int p, int e) {
        int h = e - p;
        for (int i = p; i < e; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 11);
    }

    /** {@code b[p, e)} as a shared constant if it is a known word, else decoded. */
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
        int mask = SIZE - 1;
        for (int i = hash(b, p, e) & mask; ; i = (i + 1) & mask) {
            byte[] k = KEYS[i];
            if (k == null) {
                return Bytes.str(b, p, e);
            }
            if (k.length == n && java.util.Arrays.equals(k, 0, n, b, p, e)) {
                return VALUES[i];
            }
        }
    }
}
