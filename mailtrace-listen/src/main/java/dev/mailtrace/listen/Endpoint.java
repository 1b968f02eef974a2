package dev.mailtrace.listen;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A socket to listen on: protocol and address. {@link #parse} reads the CLI's {@code [ADDR:]PORT}
 * with 127.0.0.1 as the default address: receiving from other hosts is an explicit choice.
 *
 * @param protocol UDP, TCP or TLS
 * @param address address and port (port 0: any free port)
 */
public record Endpoint(Protocol protocol, InetSocketAddress address) {

    public Endpoint {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
    }

    /**
     * Parses {@code PORT}, {@code ADDR:PORT} or {@code [IPv6]:PORT} (numeric addresses or names).
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static Endpoint parse(Protocol protocol, String spec) {
        String host = "127.0.0.1";
        String port = spec;
        int colon = spec.lastIndexOf(':');
        if (colon >= 0) {
            host = spec.substring(0, colon);
            port = spec.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("bad address [" + spec + "]: write IPv6 addresses in brackets, [::1]:514");
            }
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("bad port in [" + spec + "]: expected [ADDR:]PORT with PORT in [0, 65535]");
        }
        try {
            return new Endpoint(protocol, new InetSocketAddress(InetAddress.getByName(host), p));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address in [" + spec + "]: unknown host [" + host + "]", e);
        }
    }

    /** {@code tcp 127.0.0.1:5140}, {@code udp [::1]:514}: as the {@code listening on} lines print it. */
    @Override
    public String toString() {
        InetAddress a = address.getAddress();
        String host = a.getHostAddress();
        return protocol.label() + " " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
