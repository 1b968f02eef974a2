package dev.mailtrace.postfix;


/**
 * A {@code proxy-reject}: the before-queue content filter refused the message. Its type and fields
 * are the {@link Proxy} line's.
 *
 * @param line the line
 */
public record ProxyReject(Proxy line) implements RefusalEvent<Proxy> {
}
