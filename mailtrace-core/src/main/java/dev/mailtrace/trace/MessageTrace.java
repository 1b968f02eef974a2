package dev.mailtrace.trace;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One e-mail end to end: the transactions it passed through on every host in the logs, and where
 * each recipient ended. Delivery status notifications (bounces) it caused are nested as traces
 * of their own.
 *
 * @param messageId the Message-ID without angle brackets, or null
 * @param from the envelope sender on the first hop ({@code ""} for a bounce), or null
 * @param start when the first hop began
 * @param end when the last hop ended
 * @param hops the transactions, ordered by start
 * @param recipients each recipient's final outcome and the host where it happened
 * @param bounces the traces of the bounces this message caused
 * @param complete whether every hop was seen to end and no hand-off to a host in the logs is missing
 */
public record MessageTrace(String messageId, String from, Instant start, Instant end, List<Hop> hops,
        List<RecipientOutcome> recipients, List<MessageTrace> bounces, boolean complete) implements TraceRecord {

    public MessageTrace {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        hops = List.copyOf(hops);
        recipients = List.copyOf(recipients);
        bounces = List.copyOf(bounces);
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("message without hops");
        }
    }

    @Override
    public String type() {
        return "message";
    }

    @Override
    public Instant time() {
        return start;
    }
}
