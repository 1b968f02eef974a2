package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;

/**
 * MailScanner's spam verdict for a message: {@code Message 4F9D195432C.A1B2C from 192.0.2.1
 * (alice@example.org) to example.net is spam, SpamAssassin (not cached, score=12.3, required 5,
 * BAYES_99 3.50, ...)}, {@code ... is not spam, SpamAssassin (cached, score=-1.9, ...)},
 * {@code ... is spam (blacklisted)}, {@code ... is whitelisted}, {@code ... is too big for spam
 * checks (...)}. The message goes on (MailScanner's spam actions decide what happens to spam; see
 * {@link MailScannerActions}).
 *
 * @param queueId the MTA queue id (MailScanner's id without its {@code .XXXXX} suffix)
 * @param msId MailScanner's message id as logged
 * @param verdict spam, not_spam, blacklisted, whitelisted or unchecked (too big)
 * @param clientIp the client address, or null
 * @param sender the envelope sender, or null
 * @param toDomain the recipient domains (comma-separated), or null
 * @param score the SpamAssassin score, or NaN
 * @param required the required score, or NaN
 * @param cached whether SpamAssassin's result came from MailScanner's cache
 * @param rbls the spam lists that listed the client, or null
 * @param report the report text after {@code is}
 */
public record MailScannerSpamCheck(String queueId, String msId, String verdict, String clientIp, String sender,
        String toDomain, double score, double required, boolean cached, String rbls, String report)
        implements FilterVerdict {

    /** {@code mailscanner/spam_check}. */
    public static final EventType TYPE = F.eventType(MailScannerDialect.NAME, "spam_check",
            "MailScanner's spam verdict for a message (is spam, is not spam, blacklisted, whitelisted)",
            F.QUEUE_ID, MailScannerDialect.MS_ID,
            FieldSpec.keyword("verdict", "spam, not_spam, blacklisted, whitelisted or unchecked (too big)"),
            F.DISPOSITION, F.CLIENT_IP, F.FROM, FieldSpec.keyword("to_domain", "recipient domains, comma-separated"),
            F.SCORE, FieldSpec.decimal("required", "SpamAssassin's required score"),
            FieldSpec.bool("cached", "SpamAssassin's result came from the cache"),
            FieldSpec.keyword("rbls", "spam lists that listed the client"),
            FieldSpec.text("report", "the report as logged"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public Disposition disposition() {
        return Disposition.PASSED;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "ms_id", msId);
        F.str(out, "verdict", verdict);
        out.string("disposition", disposition().label());
        F.str(out, "client_ip", clientIp);
        F.str(out, "from", sender);
        F.str(out, "to_domain", toDomain);
        out.optionalDecimal("score", score);
        out.optionalDecimal("required", required);
        F.flag(out, "cached", cached);
        F.str(out, "rbls", rbls);
        F.str(out, "report", report);
    }
}
