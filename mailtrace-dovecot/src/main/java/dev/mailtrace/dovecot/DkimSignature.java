package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;

/**
 * opendkim signed a message: {@code 4F9D195432C: DKIM-Signature field added (s=mail, d=example.org)}.
 * A {@link FilterVerdict} with verdict {@code signed}.
 *
 * @param queueId the MTA queue id, or null
 * @param header the header field added ({@code DKIM-Signature})
 * @param selector the selector ({@code s=})
 * @param domain the signing domain ({@code d=})
 */
public record DkimSignature(String queueId, String header, String selector, String domain) implements FilterVerdict {

    /** {@code opendkim/signature_added}. */
    public static final EventType TYPE = F.eventType(OpendkimDialect.NAME, "signature_added",
            "opendkim signed a message (DKIM-Signature field added)",
            F.QUEUE_ID, F.VERDICT, F.DISPOSITION, FieldSpec.keyword("header", "the header field added"),
            OpendkimDialect.SELECTOR, OpendkimDialect.DOMAIN);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String verdict() {
        return "signed";
    }

    @Override
    public Disposition disposition() {
        return Disposition.PASSED;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        out.string("verdict", verdict());
        out.string("disposition", disposition().label());
        F.str(out, "header", header);
        F.str(out, "selector", selector);
        F.str(out, "domain", domain);
    }
}
