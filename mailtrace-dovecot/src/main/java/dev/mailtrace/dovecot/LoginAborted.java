package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A login process's connection ended without a login: failed or missing authentication, a TLS
 * handshake that never finished, a client that gave up. Every dovecot 2.x form:
 * {@code Disconnected (auth failed, 2 attempts in 9 secs): user=<bob>, method=PLAIN, rip=..., ...},
 * {@code Aborted login (tried to use disabled plaintext auth): rip=...},
 * {@code Disconnected: Inactivity (no auth attempts in 180 secs): ...} and 2.4's
 * {@code Login aborted: Connection closed (auth failed, 3 attempts in 16 secs) (auth_failed): ...}.
 * Brute-force evidence.
 *
 * @param service the protocol: imap, pop3, submission, managesieve
 * @param message the text before the reason in parentheses ({@code Disconnected: Inactivity})
 * @param reason the reason as dovecot 2.4 names it ({@code auth_failed}, {@code no_auth_attempts},
 *     {@code cleartext_auth_disabled}, ...); older versions' texts are mapped to the same names;
 *     {@code other} for a text we do not know, null when no reason was logged
 * @param detail the reason text in parentheses as logged ({@code auth failed, 2 attempts in 9 secs})
 * @param attempts authentication attempts, or -1
 * @param successfulAuths successful authentications ({@code 1/3 successful auths}), or -1
 * @param seconds the seconds the text names ({@code in 9 secs}, {@code waited 0 secs}), or -1
 * @param login the login elements
 */
public record LoginAborted(String service, String message, String reason, String detail, int attempts,
        int successfulAuths, long seconds, LoginFields login) implements LogEvent {

    /** {@code dovecot/login_aborted}. */
    public static final EventType TYPE = F.eventType(DovecotDialect.NAME, "login_aborted",
            "a login process's connection ended without a login (auth failed, no auth attempts, aborted login, ...)",
            DovecotLine.SERVICE_PROTOCOL,
            FieldSpec.text("message", "the text before the reason (Disconnected, Aborted login, Login aborted: ...)"),
            FieldSpec.keyword("reason", "why, in dovecot 2.4's names: auth_failed, no_auth_attempts, "
                    + "cleartext_auth_disabled, tls_handshake_not_finished, auth_process_not_ready, auth_waiting_client, "
                    + "proxy_dest_auth_failed, ... or other"),
            FieldSpec.text("detail", "the reason text in parentheses as logged"),
            FieldSpec.number("attempts", "authentication attempts"),
            FieldSpec.number("successful_auths", "successful authentications"),
            FieldSpec.number("seconds", "seconds the reason text names (in N secs, waited N secs)"),
            LoginFields.FIELDS);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "service", service);
        F.str(out, "message", message);
        F.str(out, "reason", reason);
        F.str(out, "detail", detail);
        out.count("attempts", attempts);
        out.count("successful_auths", successfulAuths);
        out.count("seconds", seconds);
        login.writeFields(out);
    }
}
