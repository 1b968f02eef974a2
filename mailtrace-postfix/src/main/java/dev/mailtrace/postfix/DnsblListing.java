package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * dnsblog {@code addr 192.0.2.1 listed by domain zen.spamhaus.org as 127.0.0.2}.
 *
 * @param clientIp the listed address
 * @param dnsblDomain the DNS list
 * @param dnsblResult the list's answer
 */
public record DnsblListing(String clientIp, String dnsblDomain, String dnsblResult) implements LogEvent {

    /** {@code postfix/dnsbl}. */
    public static final EventType TYPE = F.type("dnsbl", "dnsblog: a client address is listed on a DNS list",
            FieldSpec.ip("client_ip", "the listed address"), FieldSpec.keyword("dnsbl_domain", "the DNS list"),
            FieldSpec.keyword("dnsbl_result", "the list's reply (127.0.0.x)"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "client_ip", clientIp);
        F.str(out, "dnsbl_domain", dnsblDomain);
        F.str(out, "dnsbl_result", dnsblResult);
    }
}
