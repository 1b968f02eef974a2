package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * The auth process or one of its workers rejected a login: {@code auth: passwd-file(bob,192.0.2.7):
 * unknown user}, {@code auth-worker(304): pam(bob,192.0.2.7): pam_authenticate() failed:
 * Authentication failure (password mismatch?)}, {@code auth: sql(bob,192.0.2.7,<sess>): Password
 * mismatch}, 2.4's {@code auth(bob,192.0.2.7,sasl:plain)<sess>: sql: Password mismatch}, and the PAM
 * module's own {@code pam_unix(dovecot:auth): authentication failure; ... rhost=192.0.2.7 user=bob}.
 * Brute-force evidence.
 *
 * @param service auth, auth-worker or dovecot-auth
 * @param passdb the password database or PAM module: pam, passwd-file, sql, ldap, pam_unix, ...
 * @param user the login name tried, or null
 * @param clientIp the client's address, or null
 * @param remoteHost the PAM {@code rhost=} when it is not an address, or null
 * @param session the auth session id (the login's {@code session=}), or null
 * @param saslMethod the SASL mechanism (dovecot 2.4 {@code sasl:plain}), upper-cased, or null
 * @param reason unknown_user, password_mismatch or auth_failed
 * @param error the text after the passdb, as logged
 * @param pamService the PAM service of a PAM module line ({@code dovecot:auth}), or null
 * @param remoteUser the PAM {@code ruser=}, or null
 */
public record AuthFailure(String service, String passdb, String user, String clientIp, String remoteHost,
        String session, String saslMethod, String reason, String error, String pamService, String remoteUser)
        implements LogEvent {

    static final String UNKNOWN_USER = "unknown_user";
    static final String PASSWORD_MISMATCH = "password_mismatch";
    static final String AUTH_FAILED = "auth_failed";

    /** {@code dovecot/auth_failure}. */
    public static final EventType TYPE = F.eventType(DovecotDialect.NAME, "auth_failure",
            "the auth process rejected a login: unknown user, password mismatch, PAM failure",
            FieldSpec.keyword("service", "auth, auth-worker or dovecot-auth"),
            FieldSpec.keyword("passdb", "password database or PAM module: pam, passwd-file, sql, ldap, pam_unix, ..."),
            DovecotLine.USER, FieldSpec.ip("client_ip", "client address"),
            FieldSpec.keyword("remote_host", "PAM rhost= when it is a name, not an address"), DovecotLine.SESSION,
            FieldSpec.keyword("sasl_method", "SASL mechanism (dovecot 2.4)"),
            FieldSpec.keyword("reason", "unknown_user, password_mismatch or auth_failed"),
            FieldSpec.text("error", "the failure text as logged"),
            FieldSpec.keyword("pam_service", "PAM service of a PAM module line (dovecot:auth)"),
            FieldSpec.keyword("remote_user", "PAM ruser="));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "service", service);
        F.str(out, "passdb", passdb);
        F.str(out, "user", user);
        F.str(out, "client_ip", clientIp);
        F.str(out, "remote_host", remoteHost);
        F.str(out, "session", session);
        F.str(out, "sasl_method", saslMethod);
        F.str(out, "reason", reason);
        F.str(out, "error", error);
        F.str(out, "pam_service", pamService);
        F.str(out, "remote_user", remoteUser);
    }
}
