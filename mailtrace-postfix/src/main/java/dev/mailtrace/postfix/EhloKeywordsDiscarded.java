package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * {@code discarding EHLO keywords: CHUNKING ETRN DSN} (smtpd, smtp) or postscreen's
 * {@code [192.0.2.1]:52114: discarding EHLO keywords: ...}.
 *
 * @param client the client (postscreen), or null
 * @param keywords the discarded keywords, space-separated
 */
public record EhloKeywordsDiscarded(Client client, String keywords) implements LogEvent {

    /** {@code postfix/ehlo_keywords_discarded}. */
    public static final EventType TYPE = F.type("ehlo_keywords_discarded", "EHLO keywords hidden or ignored "
            + "(smtpd_discard_ehlo_keywords)", F.client("client"),
            FieldSpec.keyword("discarded_ehlo_keywords", "the keywords, space-separated"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.client(out, "client", client);
        F.str(out, "discarded_ehlo_keywords", keywords);
    }
}
