package dev.mailtrace.dovecot;

import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;

/**
 * The elements a dovecot login process appends to its lines ({@code login_log_format_elements}):
 * {@code user=<alice>, method=PLAIN, rip=192.0.2.1, lip=192.0.2.10, mpid=4242, TLS,
 * session=<NwbrmhAH0n3AAAAB>}, and the optional {@code rport=}, {@code lport=} and
 * {@code TLSv1.3 with cipher ... (256/256 bits)} elements of customised formats.
 *
 * @param user the login name ({@code user=<...>}), or null when empty or absent
 * @param method the SASL mechanism ({@code method=}), or null
 * @param clientIp the remote address ({@code rip=}), or null
 * @param clientPort the remote port ({@code rport=}), or -1
 * @param localIp the local address ({@code lip=}), or null
 * @param localPort the local port ({@code lport=}), or -1
 * @param mailPid the pid of the mail process that took over ({@code mpid=}), or -1
 * @param secured {@code TLS}, {@code TLS handshaking} or {@code secured}, or null (plain text)
 * @param tlsError the TLS state text after {@code TLS: } or {@code TLS handshaking: }, or null
 * @param tlsProtocol {@code TLSv1.3} from {@code TLSv1.3 with cipher ...}, or null
 * @param tlsCipher the cipher from the same element, or null
 * @param tlsBits the cipher's bits, or -1
 * @param session the login session id ({@code session=<...>}), which the mail process repeats in
 *     its log prefix ({@code imap(alice)<4242><NwbrmhAH0n3AAAAB>}), or null
 */
public record LoginFields(String user, String method, String clientIp, int clientPort, String localIp, int localPort,
        long mailPid, String secured, String tlsError, String tlsProtocol, String tlsCipher, int tlsBits,
        String session) {

    static final FieldSpec[] FIELDS = {
        FieldSpec.keyword("user", "login name (user=<...>)"),
        FieldSpec.keyword("method", "SASL mechanism (method=)"),
        FieldSpec.ip("client_ip", "remote address (rip=)"),
        FieldSpec.number("client_port", "remote port (rport=)"),
        FieldSpec.ip("local_ip", "local address (lip=)"),
        FieldSpec.number("local_port", "local port (lport=)"),
        FieldSpec.number("mail_pid", "pid of the mail process that took over the session (mpid=)"),
        FieldSpec.keyword("secured", "TLS, TLS handshaking or secured; absent for a plain-text connection"),
        FieldSpec.text("tls_error", "TLS state text after TLS: (the last TLS error)"),
        FieldSpec.keyword("tls_protocol", "TLS protocol version"),
        FieldSpec.keyword("tls_cipher", "TLS cipher"),
        FieldSpec.number("tls_bits", "TLS cipher bits"),
        FieldSpec.keyword("session", "login session id, repeated by the mail process's log prefix"),
    };

    void writeFields(FieldWriter out) {
        F.str(out, "user", user);
        F.str(out, "method", method);
        F.str(out, "client_ip", clientIp);
        out.count("client_port", clientPort);
        F.str(out, "local_ip", localIp);
        out.count("local_port", localPort);
        out.count("mail_pid", mailPid);
        F.str(out, "secured", secured);
        F.str(out, "tls_error", tlsError);
        F.str(out, "tls_protocol", tlsProtocol);
        F.str(out, "tls_cipher", tlsCipher);
        out.count("tls_bits", tlsBits);
        F.str(out, "session", session);
    }
}
