package dev.mailtrace.listen;

import java.util.Locale;

/** How a message arrived. */
public enum Protocol {
    /** One datagram, one message (RFC 5426). */
    UDP,
    /** A TCP stream, octet-counted or non-transparent frames (RFC 6587). */
    TCP,
    /** TLS over TCP (RFC 5425), framed as TCP. */
    TLS;

    /** The lower-case name used in log lines, metrics labels and the CLI. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
