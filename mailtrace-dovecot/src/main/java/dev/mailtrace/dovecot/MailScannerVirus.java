package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;

/**
 * MailScanner found a virus in a message: {@code Infected message 4F9D195432C.A1B2C came from
 * 192.0.2.1}. MailScanner's default is to deliver the message with the infected parts replaced by
 * a warning, so the disposition is {@code passed}; a {@code Spam Actions}/quarantine setting that
 * deletes it shows in its own lines.
 *
 * @param queueId the MTA queue id
 * @param msId MailScanner's message id as logged
 * @param clientIp the client address, or null
 */
public record MailScannerVirus(String queueId, String msId, String clientIp) implements FilterVerdict {

    /** {@code mailscanner/virus}. */
    public static final EventType TYPE = F.eventType(MailScannerDialect.NAME, "virus",
            "MailScanner found a virus in a message (Infected message ... came from ...)",
            F.QUEUE_ID, MailScannerDialect.MS_ID, F.VERDICT, F.DISPOSITION, F.CLIENT_IP);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String verdict() {
        return "infected";
    }

    @Override
    public Disposition disposition() {
        return Disposition.PASSED;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "ms_id", msId);
        out.string("verdict", verdict());
        out.string("disposition", disposition().label());
        F.str(out, "client_ip", clientIp);
    }
}
