package dev.mailtrace.dovecot;

import java.util.List;

/**
 * The reasons a login process gives for a connection that ended without a login, mapped to the
 * names dovecot 2.4 logs itself ({@code (auth_failed)}, {@code (no_auth_attempts)}, ...;
 * login-common/client-common.c, {@code client_get_extra_disconnect_reason}), so that 2.0&ndash;2.3
 * texts and 2.4 lines give the same {@code reason}. The table is checked when the class loads.
 */
final class LoginReasons {

    private LoginReasons() {
    }

    /** Text prefix (as 2.x logs it, in parentheses) and the 2.4 event reason. */
    private static final String[][] TABLE = {
        {"auth failed", "auth_failed"},
        {"no auth attempts", "no_auth_attempts"},
        {"tried to use disallowed plaintext auth", "cleartext_auth_disabled"},
        {"tried to use disabled plaintext auth", "cleartext_auth_disabled"},
        {"tried to use disallowed cleartext auth", "cleartext_auth_disabled"},
        {"tried to use unsupported auth mechanism", "invalid_mech"},
        {"disconnected before auth was ready", "auth_process_not_ready"},
        {"disconnected during TLS handshake", "tls_handshake_not_finished"},
        {"client didn't finish SASL auth", "auth_waiting_client"},
        {"disconnected while authenticating", "disconnected_while_authenticating"},
        {"disconnected while finishing login", "disconnected_while_finishing_login"},
        {"aborted authentication", "auth_aborted_by_client"},
        {"auth aborted by client", "auth_aborted_by_client"},
        {"auth process communication failure", "auth_process_comm_fail"},
        {"proxy dest auth failed", "proxy_dest_auth_failed"},
        {"internal failure", "internal_failure"},
        {"authorization failed", "authorization_failed"},
        {"auth service reported temporary failure", "temp_fail"},
        {"user disabled", "user_disabled"},
        {"password expired", "password_expired"},
        {"sent invalid base64 in response", "invalid_base64"},
        {"login disabled", "login_disabled"},
        {"anonymous logins disabled", "anonymous_auth_disabled"},
        {"credentials contain control characters", "invalid_credentials"},
        {"cert required, client didn't start TLS", "client_ssl_not_started"},
        {"client didn't send a cert", "client_ssl_cert_missing"},
        {"client sent an invalid cert", "client_ssl_cert_untrusted"},
        {"client sent an untrusted cert", "client_ssl_cert_untrusted"},
        {"connection limit reached", "connection_limit"},
        {"auth referral", "auth_nologin_referral"},
    };

    private static final byte[][] PREFIXES = new byte[TABLE.length][];
    private static final String[] CODES = new String[TABLE.length];

    static {
        for (int i = 0; i < TABLE.length; i++) {
            PREFIXES[i] = Bytes.ascii(TABLE[i][0]);
            CODES[i] = TABLE[i][1];
            if (!CODES[i].matches("[a-z][a-z0-9_]*")) {
                throw new IllegalStateException("login reason [" + CODES[i] + "] is not snake_case");
            }
        }
    }

    /** The codes this class can give, and {@code other}. */
    static List<String> codes() {
        return List.of(CODES);
    }

    /** The 2.4 name of the reason text {@code b[p, e)}; {@code other} for a text not in the table. */
    static String classify(byte[] b, int p, int e) {
        for (int i = 0; i < PREFIXES.length; i++) {
            if (Bytes.at(b, p, e, PREFIXES[i])) {
                return CODES[i];
            }
        }
        // 2.4's "proxy dest connection failed to host", "proxy dest remote failure to host", ...
        if (Bytes.at(b, p, e, PROXY_DEST)) {
            return "proxy_dest_failed";
        }
        return "other";
    }

    private static final byte[] PROXY_DEST = Bytes.ascii("proxy dest ");
}
