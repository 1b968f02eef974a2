package dev.mailtrace.dovecot;

import java.util.List;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;

/**
 * amavis's main log entry for a message ({@code $log_templ}): {@code (12345-01) Passed CLEAN
 * {RelayedInbound}, [192.0.2.1]:41234 [192.0.2.1] <alice@example.org> -> <bob@example.net>,
 * Queue-ID: 4F9D195432C, Message-ID: <a1@example.org>, mail_id: Xk3d-aB9cDe, Hits: -1.9, size: 2210,
 * queued_as: 7A3C31A0F21, 432 ms}, and {@code Blocked INFECTED (Eicar-Signature) {DiscardedInbound,
 * Quarantined}, ...}; amavisd-new 2.4 to 2.11 and amavis 2.12+ forms, short and verbose templates.
 * The {@link FilterVerdict} that links the pre-filter and post-filter transactions:
 * {@code Queue-ID} &rarr; {@code queued_as} on the same host.
 *
 * @param logId amavis's log id ({@code 12345-01}), or null
 * @param blocked whether it is a {@code Blocked} entry (else {@code Passed})
 * @param category the content category as logged: CLEAN, SPAM, SPAMMY, INFECTED, BANNED,
 *     BAD-HEADER-0, UNCHECKED, OVERSIZED, MTA-BLOCKED, OTHER
 * @param detail the virus names or banned parts in parentheses, or null
 * @param actions the actions performed ({@code RelayedInbound}, {@code DiscardedInbound,Quarantined}), or null
 * @param policyBank the policy bank path ({@code ORIGINATING/MYNETS}), or null
 * @param local whether amavis marked the client {@code LOCAL}
 * @param clientIp the SMTP client of the MTA that passed the message to amavis, or null
 * @param clientPort its port, or -1
 * @param originIp the originating address from the message's Received header, or null
 * @param sender the envelope sender, "" for the null sender
 * @param recipients the recipients of this entry
 * @param quarantine where the message was quarantined, or null
 * @param queueId the MTA queue id ({@code Queue-ID:}), or null
 * @param messageId the Message-ID without brackets, or null
 * @param resentMessageId the Resent-Message-ID without brackets, or null
 * @param mailId amavis's mail_id, or null
 * @param score the spam score ({@code Hits:}), NaN for {@code -}
 * @param size the message size in bytes, or -1
 * @param queuedAsText the {@code queued_as:} value as logged (ids separated by {@code /}, or the
 *     MTA's reply when it named no id), or null
 * @param subject the Subject of the verbose template, or null
 * @param tests the SpamAssassin tests of the verbose template, or null
 * @param elapsedMs the time amavis took, in milliseconds, or -1
 */
public record AmavisVerdict(String logId, boolean blocked, String category, String detail, String actions,
        String policyBank, boolean local, String clientIp, int clientPort, String originIp, String sender,
        List<String> recipients, String quarantine, String queueId, String messageId, String resentMessageId,
        String mailId, double score, long size, String queuedAsText, String subject, String tests, long elapsedMs)
        implements FilterVerdict {

    /** {@code amavis/verdict}. */
    public static final EventType TYPE = F.eventType(AmavisDialect.NAME, "verdict",
            "amavis's verdict on a message: Passed or Blocked, the content category, and the queue ids before and after",
            FilterNotice.LOG_ID, F.VERDICT, F.DISPOSITION,
            FieldSpec.keyword("category", "content category as logged: CLEAN, SPAM, SPAMMY, INFECTED, BANNED, "
                    + "BAD-HEADER-n, UNCHECKED, OVERSIZED, MTA-BLOCKED, OTHER"),
            FieldSpec.text("detail", "virus names or banned parts in parentheses"),
            FieldSpec.keyword("actions", "actions performed: RelayedInbound, DiscardedInbound,Quarantined, ..."),
            FieldSpec.keyword("policy_bank", "policy bank path (MYNETS, ORIGINATING/MYNETS)"),
            FieldSpec.bool("local", "amavis marked the client LOCAL"), F.CLIENT_IP, F.CLIENT_PORT,
            FieldSpec.ip("origin_ip", "originating address from the Received header"), F.FROM, F.TO, F.RCPT_COUNT,
            FieldSpec.keyword("quarantine", "quarantine location"), F.QUEUE_ID, F.MESSAGE_ID,
            FieldSpec.keyword("resent_message_id", "Resent-Message-ID without angle brackets"),
            FieldSpec.keyword("mail_id", "amavis's mail_id (quarantine and SQL key)"), F.SCORE,
            FieldSpec.number("size", "message size in bytes"), F.QUEUED_AS,
            FieldSpec.text("subject", "Subject header (verbose template)"),
            FieldSpec.text("tests", "SpamAssassin tests (verbose template)"),
            FieldSpec.number("elapsed_ms", "time amavis took, in milliseconds"));

    public AmavisVerdict {
        recipients = List.copyOf(recipients);
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String verdict() {
        return verdictOf(category);
    }

    static String verdictOf(String category) {
        if (category == null || category.isEmpty()) {
            return "clean";
        }
        switch (category) {
            case "CLEAN": return "clean";
            case "SPAM": return "spam";
            case "SPAMMY": return "spammy";
            case "INFECTED": return "infected";
            case "BANNED": return "banned";
            case "OVERSIZED": return "oversized";
            case "MTA-BLOCKED": return "mta_blocked";
            case "OTHER": return "other";
            default:
                if (category.startsWith("BAD-HEADER")) {
                    return "bad_header";
                }
                if (category.startsWith("UNCHECKED")) {
                    return "unchecked";
                }
                return category.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        }
    }

    @Override
    public Disposition disposition() {
        return blocked ? Disposition.BLOCKED : Disposition.PASSED;
    }

    /** The ids of {@link #queuedAsText()}: the parts separated by {@code /} that are queue ids. */
    @Override
    public List<String> queuedAs() {
        return queueIds(queuedAsText);
    }

    static List<String> queueIds(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        java.util.ArrayList<String> ids = new java.util.ArrayList<>(1);
        for (String part : text.split("/")) {
            if (!part.isEmpty() && part.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
                ids.add(part);
            }
        }
        return List.copyOf(ids);
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "log_id", logId);
        out.string("verdict", verdict());
        out.string("disposition", disposition().label());
        F.str(out, "category", category);
        F.str(out, "detail", detail);
        F.str(out, "actions", actions);
        F.str(out, "policy_bank", policyBank);
        F.flag(out, "local", local);
        F.str(out, "client_ip", clientIp);
        out.count("client_port", clientPort);
        F.str(out, "origin_ip", originIp);
        F.str(out, "from", sender);
        F.list(out, "to", recipients, "rcpt_count");
        F.str(out, "quarantine", quarantine);
        F.str(out, "queue_id", queueId);
        F.str(out, "message_id", messageId);
        F.str(out, "resent_message_id", resentMessageId);
        F.str(out, "mail_id", mailId);
        out.optionalDecimal("score", score);
        out.count("size", size);
        F.str(out, "queued_as", queuedAsText);
        F.str(out, "subject", subject);
        F.str(out, "tests", tests);
        out.count("elapsed_ms", elapsedMs);
    }
}
