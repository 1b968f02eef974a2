package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;

/**
 * opendkim's verification result for a message: {@code DKIM verification successful},
 * {@code s=mail d=example.org SSL error:04091068:rsa routines:INT_RSA_VERIFY:bad signature},
 * {@code bad signature data}, {@code no signature data}, {@code key retrieval failed (s=mail,
 * d=example.org): 'mail._domainkey.example.org' query timed out}, {@code key revoked (s=..., d=...)},
 * {@code signature processing failed: ...}. A {@link FilterVerdict} whose verdict is the RFC 8601
 * result word: pass, fail, none, temperror or permerror.
 *
 * @param queueId the MTA queue id, or null
 * @param result pass, fail, none, temperror or permerror
 * @param selector the selector, or null
 * @param domain the signing domain, or null
 * @param error the error text, or null
 * @param message the text as logged
 */
public record DkimVerification(String queueId, String result, String selector, String domain, String error,
        String message) implements FilterVerdict {

    /** {@code opendkim/verification}. */
    public static final EventType TYPE = F.eventType(OpendkimDialect.NAME, "verification",
            "opendkim's verification result: pass, fail (bad signature), none (no signature), temperror, permerror",
            F.QUEUE_ID, FieldSpec.keyword("verdict", "the result: pass, fail, none, temperror or permerror"),
            F.DISPOSITION, OpendkimDialect.SELECTOR, OpendkimDialect.DOMAIN,
            FieldSpec.text("error", "the error text (SSL error, DNS error)"), F.MESSAGE);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String verdict() {
        return result;
    }

    @Override
    public Disposition disposition() {
        return Disposition.PASSED;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "verdict", result);
        out.string("disposition", disposition().label());
        F.str(out, "selector", selector);
        F.str(out, "domain", domain);
        F.str(out, "error", error);
        F.str(out, "message", message);
    }
}
