package dev.mailtrace.sendmail;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.FieldWriter;

/**
 * The other end of a connection as sendmail writes it in {@code relay=} and in its session
 * messages: {@code mail.example.org [192.0.2.1]}, {@code [192.0.2.1]},
 * {@code bob@desktop.example.org [10.0.0.7] (may be forged)}, {@code example.com [IPv6:2001:db8::1]},
 * {@code mx.example.net. [192.0.2.25]}, or a bare name ({@code localhost}, {@code mx.example.net.}).
 *
 * @param user the ident (RFC 1413) user before {@code @}, or null
 * @param hostname the host name without a trailing root dot, or null when only an address was logged
 * @param ip the address in brackets without sendmail's {@code IPv6:} prefix, or null
 * @param forged whether sendmail added {@code (may be forged)}: the name did not resolve back to the address
 */
public record Peer(String user, String hostname, String ip, boolean forged) {

    /** As a core {@link Client} (no port: sendmail does not log it). */
    public Client toClient() {
        return new Client(hostname, ip, -1);
    }

    /** Writes {@code <prefix>_user}, {@code _hostname}, {@code _ip} and {@code _forged}, skipping absent ones. */
    public void writeFields(String prefix, FieldWriter out) {
        F.str(out, prefix + "_user", user);
        F.str(out, prefix + "_hostname", hostname);
        F.str(out, prefix + "_ip", ip);
        F.flag(out, prefix + "_forged", forged);
    }

    /** As sendmail writes it: {@code [user@]name [addr] (may be forged)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (user != null) {
            sb.append(user).append('@');
        }
        if (hostname != null) {
            sb.append(hostname);
        }
        if (ip != null) {
            if (hostname != null) {
                sb.append(' ');
            }
            sb.append('[').append(ip).append(']');
        }
        if (forged) {
            sb.append(" (may be forged)");
        }
        return sb.toString();
    }
}
