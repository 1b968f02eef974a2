package dev.mailtrace.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * One transaction on the way of a message.
 *
 * @param host the host
 * @param queueId the queue id on that host
 * @param start when the transaction began
 * @param via how the message got here from the previous hop, or null for the first hop
 */
public record Hop(String host, String queueId, Instant start, Link.Kind via) {

    public Hop {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(start, "start");
    }
}
