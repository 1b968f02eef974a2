package dev.mailtrace.event;

import java.util.Locale;

/**
 * Why a message or recipient was refused, classified from the reply code, the enhanced status
 * code and the text, because "why didn't my mail arrive" is mostly answered by these few classes.
 * The text itself is always kept next to the class.
 */
public enum RejectReason {
    /** Temporary refusal by greylisting (postgrey, milter-greylist, rspamd's greylist). */
    GREYLISTED,
    /** The client is on a DNS block list. */
    RBL,
    /** The recipient does not exist. */
    UNKNOWN_USER,
    /** Relaying to that destination is not allowed for this client. */
    RELAY_DENIED,
    /** SPF check failed. */
    SPF,
    /** HELO/EHLO name refused. */
    HELO,
    /** The sender address or its domain was refused. */
    SENDER_DOMAIN,
    /** Too big. */
    SIZE,
    /** Rate or connection limits. */
    RATE_LIMIT,
    /** TLS was required and not used. */
    TLS_REQUIRED,
    /** An access rule, policy service or milter said no. */
    POLICY,
    /** None of the above. */
    OTHER;

    /** The label used in output: {@code greylisted}, {@code unknown_user}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Classifies a refusal.
     *
     * @param code the SMTP reply code, or -1
     * @param dsn the enhanced status code ({@code 5.1.1}), or null
     * @param text the refusal text as logged, or null
     */
    public static RejectReason classify(int code, String dsn, String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        if (t.contains("greylist") || t.contains("graylist")) {
            return GREYLISTED;
        }
        if (t.contains("starttls") || t.contains("tls required") || t.contains("encryption required")
                || "5.7.10".equals(dsn) || "5.7.11".equals(dsn)) {
            return TLS_REQUIRED;
        }
        if (t.contains("relay access denied") || t.contains("relaying denied") || t.contains("relay not permitted")
                || t.contains("we do not relay") || t.contains("relaying not permitted")) {
            return RELAY_DENIED;
        }
        if (t.contains("user unknown") || t.contains("unknown user") || t.contains("no such user")
                || t.contains("mailbox unavailable") || t.contains("does not exist") || t.contains("doesn't exist")
                || t.contains("unknown recipient") || t.contains("recipient unknown") || "5.1.1".equals(dsn)
                || "5.1.2".equals(dsn)
                || t.contains("recipient address rejected") && t.contains("domain not found")) {
            return UNKNOWN_USER;
        }
        if (t.contains("spf") || "5.7.23".equals(dsn) || "5.7.24".equals(dsn)) {
            return SPF;
        }
        if (t.contains("blocked using") || t.contains("dnsbl") || t.contains(" rbl") || t.contains("blacklist")
                || t.contains("blocklist") || t.contains("block list") || t.contains("spamhaus")
                || t.contains("listed at") || t.contains("listed by") || t.contains("listed in")) {
            return RBL;
        }
        if (t.contains("helo command rejected") || t.contains("helo/ehlo") || t.contains("invalid helo")) {
            return HELO;
        }
        if (t.contains("rate limit") || t.contains("ratelimit") || t.contains("too many") || t.contains("too much mail")
                || t.contains("try again later") && code == 421 || "4.7.28".equals(dsn) || "5.7.28".equals(dsn)) {
            return RATE_LIMIT;
        }
        // postfix reject_sender_login_mismatch: the sender is fine, this client may not use it
        if (t.contains("not owned by")) {
            return POLICY;
        }
        if (t.contains("sender address rejected") || t.contains("sender domain") || t.contains("domain not found")
                || "5.1.7".equals(dsn) || "5.1.8".equals(dsn) || "4.1.8".equals(dsn)) {
            return SENDER_DOMAIN;
        }
        if (t.contains("size exceeds") || t.contains("too big") || t.contains("too large")
                || "5.3.4".equals(dsn) || "5.2.3".equals(dsn) || "4.3.4".equals(dsn) || code == 552) {
            return SIZE;
        }
        if (t.contains("access denied") || t.contains("client host rejected") || t.contains("recipient address rejected")
                || t.contains("policy") || t.contains("milter") || t.contains("rejected by") || t.contains("refused")
                || code == 554 || (dsn != null && dsn.length() > 2 && dsn.startsWith(".7.", 1))) {
            return POLICY;
        }
        return OTHER;
    }
}
