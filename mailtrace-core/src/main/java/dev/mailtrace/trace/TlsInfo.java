package dev.mailtrace.trace;

/**
 * The TLS session a message came in over, when the MTA logged one.
 *
 * @param version protocol version ({@code TLSv1.3}), or null
 * @param cipher cipher suite, or null
 * @param bits effective cipher bits, or -1
 */
public record TlsInfo(String version, String cipher, int bits) {
}
