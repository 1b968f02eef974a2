package dev.mailtrace.trace;

import java.util.List;
import java.util.Objects;

import dev.mailtrace.event.DeliveryStatus;

/**
 * One recipient of a transaction with every delivery attempt, oldest first, and the final status.
 *
 * <p>The final status is the status of the last attempt in event time (so deferred today, sent
 * tomorrow gives one recipient, two attempts, {@code sent}), except that a recipient still
 * deferred when the MTA expired the message ({@link dev.mailtrace.event.MessageExpired}) ends
 * {@link DeliveryStatus#EXPIRED}.
 *
 * @param to the recipient address as delivered to
 * @param origTo the address before aliasing or rewriting, or null
 * @param status the final status
 * @param attempts every attempt, ordered by time (ties in log order); never empty
 */
public record Recipient(String to, String origTo, DeliveryStatus status, List<DeliveryAttempt> attempts) {

    public Recipient {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(status, "status");
        attempts = List.copyOf(attempts);
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("recipient [" + to + "] without attempts");
        }
    }

    /** The last attempt. */
    public DeliveryAttempt lastAttempt() {
        return attempts.get(attempts.size() - 1);
    }
}
