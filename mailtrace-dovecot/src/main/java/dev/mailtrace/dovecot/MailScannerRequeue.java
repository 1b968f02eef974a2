package dev.mailtrace.dovecot;

import java.util.List;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;

/**
 * MailScanner handed a scanned message back to the MTA: {@code Requeue: 4F9D195432C.A1B2C to
 * 7A3C31A0F21}, the new queue file being the post-filter queue id. The link between the pre- and
 * post-filter transactions ({@link #queuedAs()}).
 *
 * @param queueId the pre-filter MTA queue id
 * @param msId MailScanner's message id as logged
 * @param newQueueId the queue id of the re-queued message
 */
public record MailScannerRequeue(String queueId, String msId, String newQueueId) implements FilterVerdict {

    /** {@code mailscanner/requeue}. */
    public static final EventType TYPE = F.eventType(MailScannerDialect.NAME, "requeue",
            "MailScanner handed a scanned message back to the MTA under a new queue id",
            F.QUEUE_ID, MailScannerDialect.MS_ID, F.VERDICT, F.DISPOSITION,
            FieldSpec.keyword("queued_as", "queue id of the re-queued message"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String verdict() {
        return "requeued";
    }

    @Override
    public Disposition disposition() {
        return Disposition.PASSED;
    }

    @Override
    public List<String> queuedAs() {
        return newQueueId == null ? List.of() : List.of(newQueueId);
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "ms_id", msId);
        out.string("verdict", verdict());
        out.string("disposition", disposition().label());
        F.str(out, "queued_as", newQueueId);
    }
}
