package dev.mailtrace.event;

import java.util.List;

/**
 * One delivery attempt that covers several recipients with one outcome. Sendmail logs a single
 * line for all recipients it handed to one mailer call ({@code to=<a@example.org>,<b@example.org>,
 * ..., stat=Sent (...)}); the attempt, its relay, delay, status and response are those of every
 * recipient listed.
 *
 * <p>{@link #recipient()} is the first of {@link #recipients()}, so code that only knows
 * {@link RecipientAttempt} still sees one correct recipient; an aggregator applies the attempt to
 * each of {@link #recipients()}.
 */
public interface MultiRecipientAttempt extends RecipientAttempt {

    /** Every recipient of the attempt, in the order logged; never empty, the first is {@link #recipient()}. */
    List<String> recipients();
}
