package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;

/**
 * What MailScanner did with a spam message: {@code Spam Actions: message 4F9D195432C.A1B2C actions
 * are delete,store}. Without {@code deliver} or {@code forward} the message is not delivered: the
 * disposition is {@code blocked}.
 *
 * @param queueId the MTA queue id
 * @param msId MailScanner's message id as logged
 * @param actions the actions, comma-separated as logged
 */
public record MailScannerActions(String queueId, String msId, String actions) implements FilterVerdict {

    /** {@code mailscanner/spam_actions}. */
    public static final EventType TYPE = F.eventType(MailScannerDialect.NAME, "spam_actions",
            "what MailScanner did with a spam message (deliver, delete, store, forward, bounce, header, ...)",
            F.QUEUE_ID, MailScannerDialect.MS_ID, F.VERDICT, F.DISPOSITION,
            FieldSpec.keyword("actions", "the actions, comma-separated as logged"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String verdict() {
        return "spam";
    }

    @Override
    public Disposition disposition() {
        if (actions != null) {
            for (String a : actions.split(",")) {
                String t = a.trim();
                if (t.equals("deliver") || t.startsWith("forward")) {
                    return Disposition.PASSED;
                }
            }
        }
        return Disposition.BLOCKED;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "ms_id", msId);
        out.string("verdict", verdict());
        out.string("disposition", disposition().label());
        F.str(out, "actions", actions);
    }
}
