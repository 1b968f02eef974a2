package dev.mailtrace.event;

/**
 * One thing a log line says, as a dialect understood it: a connection, a message accepted, a
 * delivery attempt, a reject, ... Immutable; safe to hand to other threads.
 *
 * <p>Events of the same meaning in different MTAs share a generic interface
 * ({@link MessageAccepted}, {@link RecipientAttempt}, {@link Rejection}, ...), which is all the
 * transaction aggregator reads, so a new dialect gets transactions and traces for free. What is
 * particular to one MTA stays in its own record type, written out by {@link #writeFields}.
 */
public interface LogEvent {

    /** What kind of event this is, with the fields it has. */
    EventType type();

    /**
     * Writes this event's fields, in the order {@link EventType#fields()} documents, skipping
     * those that are absent. Used by every output (NDJSON, Elasticsearch), so field names here are
     * a public contract: snake_case, as a mail admin would name them.
     */
    void writeFields(FieldWriter out);
}
