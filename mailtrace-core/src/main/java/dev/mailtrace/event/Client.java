package dev.mailtrace.event;

/**
 * The SMTP client of a connection or message: {@code mail.example.org[198.51.100.23]:52114}.
 *
 * @param hostname the reverse-resolved name as logged ({@code unknown} when it did not resolve), or null
 * @param ip the address, or null when not logged
 * @param port the port, or -1 when not logged
 */
public record Client(String hostname, String ip, int port) {

    /** Writes {@code <prefix>_hostname}, {@code <prefix>_ip}, {@code <prefix>_port}. */
    public void writeFields(String prefix, FieldWriter out) {
        out.string(prefix + "_hostname", hostname);
        out.string(prefix + "_ip", ip);
        out.count(prefix + "_port", port);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (hostname != null) {
            sb.append(hostname);
        }
        if (ip != null) {
            sb.append('[').append(ip).append(']');
        }
        if (port >= 0) {
            sb.append(':').append(port);
        }
        return sb.toString();
    }
}
