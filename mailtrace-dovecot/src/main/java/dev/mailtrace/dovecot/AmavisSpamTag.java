package dev.mailtrace.dovecot;

import java.util.List;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * amavis's SpamAssassin result line: {@code (12345-01) SPAM-TAG, <alice@example.org> ->
 * <bob@example.net>, Yes, score=7.21 tagged_above=2 required=6.2 tests=[BAYES_99=3.5, ...]
 * autolearn=disabled}. Informational: the verdict that counts is the {@link AmavisVerdict} that
 * follows, so this is not a {@link dev.mailtrace.event.FilterVerdict}.
 *
 * @param logId amavis's log id, or null
 * @param sender the envelope sender
 * @param recipients the recipients
 * @param spam whether SpamAssassin said {@code Yes}
 * @param score the score, or NaN
 * @param taggedAbove the tag level, or NaN
 * @param required the spam level, or NaN
 * @param tests the tests in brackets, or null
 * @param autolearn the autolearn result, or null
 */
public record AmavisSpamTag(String logId, String sender, List<String> recipients, boolean spam, double score,
        double taggedAbove, double required, String tests, String autolearn) implements LogEvent {

    /** {@code amavis/spam_tag}. */
    public static final EventType TYPE = F.eventType(AmavisDialect.NAME, "spam_tag",
            "SpamAssassin's result for a message as amavis logs it (SPAM-TAG)",
            FilterNotice.LOG_ID, F.FROM, F.TO, F.RCPT_COUNT, FieldSpec.bool("spam", "SpamAssassin said Yes"), F.SCORE,
            FieldSpec.decimal("tagged_above", "tag level"), FieldSpec.decimal("required", "spam level"),
            FieldSpec.text("tests", "tests that hit, with their scores"),
            FieldSpec.keyword("autolearn", "Bayes autolearn result"));

    public AmavisSpamTag {
        recipients = List.copyOf(recipients);
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "log_id", logId);
        F.str(out, "from", sender);
        F.list(out, "to", recipients, "rcpt_count");
        out.bool("spam", spam);
        out.optionalDecimal("score", score);
        out.optionalDecimal("tagged_above", taggedAbove);
        out.optionalDecimal("required", required);
        F.str(out, "tests", tests);
        F.str(out, "autolearn", autolearn);
    }
}
