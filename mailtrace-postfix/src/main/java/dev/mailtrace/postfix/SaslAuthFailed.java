package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * smtpd {@code warning: unknown[192.0.2.1]: SASL LOGIN authentication failed: UGFzc3dvcmQ6} (with
 * {@code , sasl_username=alice} in postfix 3.x): a failed login, brute-force evidence.
 *
 * @param level the log level (warning)
 * @param message the text after the client, as logged
 * @param client the client
 * @param saslMethod the mechanism
 * @param error the reason after {@code failed:} (may be empty)
 * @param saslUsername the login name tried, or null
 */
public record SaslAuthFailed(String level, String message, Client client, String saslMethod, String error,
        String saslUsername) implements LogEvent {

    /** {@code postfix/sasl_auth_failed}. */
    public static final EventType TYPE = F.type("sasl_auth_failed", "an SMTP AUTH login failed",
            F.LEVEL, F.MESSAGE, F.client("client"), F.SASL_METHOD, F.ERROR, F.SASL_USERNAME);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "level", level);
        F.str(out, "message", message);
        F.client(out, "client", client);
        F.str(out, "sasl_method", saslMethod);
        F.str(out, "error", error);
        F.str(out, "sasl_username", saslUsername);
    }
}
