package dev.mailtrace.sendmail;

import java.util.Locale;

import dev.mailtrace.event.RejectReason;

/**
 * Classifies sendmail's refusal texts. Sendmail's own phrases come first where core's generic
 * {@link RejectReason#classify} would read them otherwise ({@code Domain of sender address x does
 * not exist} is the sender's domain, not an unknown user; {@code Relaying temporarily denied.
 * Cannot resolve PTR record} is sendmail's relay check); everything else is core's classification.
 */
final class Reasons {

    private Reasons() {
    }

    static RejectReason classify(int code, String dsn, String text) {
        if (text != null) {
            String t = text.toLowerCase(Locale.ROOT);
            if (t.contains("domain of sender address") || t.contains("sender address") && t.contains("does not resolve")) {
                return RejectReason.SENDER_DOMAIN;
            }
            if (t.contains("relaying denied") || t.contains("relaying temporarily denied")) {
                return RejectReason.RELAY_DENIED;
            }
            if (t.contains("pre-greeting traffic") || t.contains("tcpwrappers")) {
                return RejectReason.POLICY;
            }
        }
        return RejectReason.classify(code, dsn, text);
    }
}
