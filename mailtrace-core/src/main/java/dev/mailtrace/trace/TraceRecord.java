package dev.mailtrace.trace;

import java.time.Instant;

/**
 * What the transaction aggregator produces: a {@link Transaction} (one queue id on one host), a
 * {@link Reject} (a refusal in the SMTP dialogue) or a {@link MessageTrace} (one e-mail end to
 * end). Immutable and thread-safe; {@linkplain dev.mailtrace.sink.Sink sinks} write them.
 */
public sealed interface TraceRecord permits Transaction, Reject, MessageTrace {

    /** The record type as written in output ({@code "type"}): {@code transaction}, {@code reject} or {@code message}. */
    String type();

    /** When it began: a transaction's or message's start, a reject's time. Used to order records ("most recent first"). */
    Instant time();
}
