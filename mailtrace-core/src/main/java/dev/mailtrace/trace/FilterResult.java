package dev.mailtrace.trace;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.mailtrace.event.FilterVerdict;

/**
 * A mail filter's verdict on a transaction's message, from a {@link FilterVerdict} naming its queue
 * id: a content scanner's (amavis, MailScanner), a DKIM signer's or verifier's (opendkim), a
 * greylisting decision (milter-greylist).
 *
 * @param time when it was logged
 * @param filter the filter ({@code amavis}, {@code opendkim}, {@code milter_greylist}, ...)
 * @param verdict the verdict keyword ({@code clean}, {@code spam}, {@code signed}, {@code greylisted}, ...)
 * @param disposition what it meant for the message's way on
 * @param score the spam score, or NaN
 * @param delay for a delay (greylisting): seconds the client had to wait, or NaN
 * @param recipients the recipients it applies to; empty: all, or not logged
 * @param queuedAs the queue ids the filter re-injected the message as on the same host; empty if none
 */
public record FilterResult(Instant time, String filter, String verdict, FilterVerdict.Disposition disposition,
        double score, double delay, List<String> recipients, List<String> queuedAs) {

    public FilterResult {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(disposition, "disposition");
        recipients = List.copyOf(recipients);
        queuedAs = List.copyOf(queuedAs);
    }
}
