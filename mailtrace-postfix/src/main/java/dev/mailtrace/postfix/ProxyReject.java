package dev.mailtrace.postfix;

import dev.mailtrace.event.LineRejection;

/**
 * A {@code proxy-reject}: the before-queue content filter refused the message. Its type and fields
 * are the {@link Proxy} line's.
 *
 * @param line the line
 */
public record ProxyReject(Proxy line) implements LineRejection<Proxy> {
}
