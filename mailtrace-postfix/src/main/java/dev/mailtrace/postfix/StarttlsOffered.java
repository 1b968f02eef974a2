package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * smtp {@code Host offered STARTTLS: [mx.example.net]} (smtp_tls_note_starttls_offer): the server
 * offers TLS but this client did not use it.
 *
 * @param relayHostname the server
 */
public record StarttlsOffered(String relayHostname) implements LogEvent {

    /** {@code postfix/starttls_offered}. */
    public static final EventType TYPE = F.type("starttls_offered", "a server offered STARTTLS that was not used",
            FieldSpec.keyword("relay_hostname", "the server"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "relay_hostname", relayHostname);
    }
}
