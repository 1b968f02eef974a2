package dev.mailtrace.postfix;

import dev.mailtrace.event.FieldWriter;

/**
 * A next hop as postfix logs it in {@code relay=} and in the SMTP client's messages:
 * {@code mx.example.org[192.0.2.1]:25}, {@code mail.example.org[private/dovecot-lmtp]}, or a bare
 * transport name ({@code local}, {@code virtual}, {@code none}, {@code dovecot}).
 *
 * @param hostname the host name, or null
 * @param ip the address in the brackets, or null
 * @param port the port after the brackets, or -1
 * @param service what stands instead of an address: a transport name or a UNIX-domain socket, or null
 */
public record Relay(String hostname, String ip, int port, String service) {

    /** Writes {@code <prefix>_hostname}, {@code _ip}, {@code _port} and {@code _service}, skipping absent ones. */
    public void writeFields(String prefix, FieldWriter out) {
        F.str(out, prefix + "_hostname", hostname);
        F.str(out, prefix + "_ip", ip);
        out.count(prefix + "_port", port);
        F.str(out, prefix + "_service", service);
    }

    /** As postfix writes it: {@code name[addr]:port}, {@code name[service]} or {@code service}. */
    @Override
    public String toString() {
        if (hostname == null && ip == null) {
            return service == null ? "" : service;
        }
        StringBuilder sb = new StringBuilder();
        if (hostname != null) {
            sb.append(hostname);
        }
        sb.append('[').append(ip != null ? ip : service != null ? service : "").append(']');
        if (port >= 0) {
            sb.append(':').append(port);
        }
        return sb.toString();
    }
}
