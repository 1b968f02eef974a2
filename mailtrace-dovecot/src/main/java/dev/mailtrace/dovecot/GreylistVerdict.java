package dev.mailtrace.dovecot;

import java.util.List;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;

/**
 * milter-greylist's decision for a sender/recipient pair:
 * {@code 4F9D195432C: addr mail.example.org[192.0.2.1] from <alice@example.org> to <bob@example.net>
 * delayed for 00:30:00 (ACL 152)} (greylisted), {@code ... addr 192.0.2.1 from <a> rcpt <b>:
 * autowhitelisted for 24:00:00}, {@code ... blacklisted (ACL 12)}, and the whitelisting shortcuts
 * ({@code Sender IP ... are SPF-compliant, bypassing greylist}, {@code User bob authenticated,
 * bypassing greylisting}). The milter runs at RCPT time, before postfix has a queue id, so the queue
 * id is often absent ({@code (unknown id)}); the MTA logs the matching refusal itself.
 *
 * @param queueId the MTA queue id, or null
 * @param verdict greylisted, autowhitelisted, blacklisted or whitelisted
 * @param clientHostname the client's name, or null
 * @param clientIp the client's address, or null
 * @param sender the envelope sender, or null
 * @param recipient the recipient, or null
 * @param delaySeconds for greylisted: how long the client must wait, or -1
 * @param validSeconds for autowhitelisted: how long the entry is valid, or -1
 * @param acl the ACL that decided ({@code (ACL 152)}), or null
 * @param afterData whether the delay was applied after the DATA phase
 * @param bypass for whitelisted: why (spf, auth, starttls), or null
 */
public record GreylistVerdict(String queueId, String verdict, String clientHostname, String clientIp, String sender,
        String recipient, long delaySeconds, long validSeconds, String acl, boolean afterData, String bypass)
        implements FilterVerdict {

    /** {@code milter_greylist/greylist}. */
    public static final EventType TYPE = F.eventType(GreylistDialect.NAME, "greylist",
            "milter-greylist's decision: greylisted (delayed), autowhitelisted, blacklisted or whitelisted",
            F.QUEUE_ID, FieldSpec.keyword("verdict", "greylisted, autowhitelisted, blacklisted or whitelisted"),
            F.DISPOSITION, F.CLIENT_HOSTNAME, F.CLIENT_IP, F.FROM, FieldSpec.keyword("to", "envelope recipient"),
            FieldSpec.number("delay", "seconds the client must wait (greylisted)"),
            FieldSpec.number("valid_for", "seconds the auto-whitelist entry is valid (autowhitelisted)"),
            FieldSpec.keyword("acl", "the ACL that decided"),
            FieldSpec.bool("after_data", "the delay was applied after the DATA phase"),
            FieldSpec.keyword("bypass", "why greylisting was bypassed: spf, auth, starttls"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public Disposition disposition() {
        switch (verdict) {
            case "greylisted": return Disposition.DELAYED;
            case "blacklisted": return Disposition.BLOCKED;
            default: return Disposition.PASSED;
        }
    }

    @Override
    public double delay() {
        return delaySeconds < 0 ? Double.NaN : delaySeconds;
    }

    @Override
    public List<String> recipients() {
        return recipient == null ? List.of() : List.of(recipient);
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "verdict", verdict);
        out.string("disposition", disposition().label());
        F.str(out, "client_hostname", clientHostname);
        F.str(out, "client_ip", clientIp);
        F.str(out, "from", sender);
        F.str(out, "to", recipient);
        out.count("delay", delaySeconds);
        out.count("valid_for", validSeconds);
        F.str(out, "acl", acl);
        F.flag(out, "after_data", afterData);
        F.str(out, "bypass", bypass);
    }
}
