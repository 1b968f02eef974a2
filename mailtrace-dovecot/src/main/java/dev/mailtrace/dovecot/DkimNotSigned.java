package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;

/**
 * Why opendkim did not sign (or did not verify) a message: {@code no signing table match for
 * 'alice@example.org'}, {@code mail.example.org [192.0.2.1] not internal}, {@code not authenticated},
 * {@code domain 'example.org' exempted, accepting}, ... (the {@code LogWhy} lines). Answers "why is
 * my mail not signed?". A {@link FilterVerdict} with verdict {@code not_signed}.
 *
 * @param queueId the MTA queue id, or null
 * @param reason no_signing_table_match, no_signing_domain_match, no_signing_subdomain_match,
 *     not_internal, not_authenticated, not_pop_authenticated, exempted, skipped, no_mta_name_match,
 *     no_sender or external_sender
 * @param target the address or domain the text names, or null
 * @param clientHostname the client's name of a {@code not internal} line, or null
 * @param clientIp the client's address of a {@code not internal} line, or null
 * @param message the text as logged
 */
public record DkimNotSigned(String queueId, String reason, String target, String clientHostname, String clientIp,
        String message) implements FilterVerdict {

    /** {@code opendkim/not_signed}. */
    public static final EventType TYPE = F.eventType(OpendkimDialect.NAME, "not_signed",
            "why opendkim did not sign or verify a message (no signing table match, not internal, ...)",
            F.QUEUE_ID, F.VERDICT, F.DISPOSITION,
            FieldSpec.keyword("reason", "no_signing_table_match, no_signing_domain_match, not_internal, "
                    + "not_authenticated, exempted, skipped, no_mta_name_match, no_sender, external_sender, ..."),
            FieldSpec.keyword("target", "the address or domain the text names"), F.CLIENT_HOSTNAME, F.CLIENT_IP,
            F.MESSAGE);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String verdict() {
        return "not_signed";
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
        F.str(out, "reason", reason);
        F.str(out, "target", target);
        F.str(out, "client_hostname", clientHostname);
        F.str(out, "client_ip", clientIp);
        F.str(out, "message", message);
    }
}
