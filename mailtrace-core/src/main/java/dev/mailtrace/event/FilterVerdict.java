package dev.mailtrace.event;

import java.util.List;
import java.util.Locale;

/**
 * What a mail filter running beside the MTA decided about one message: a content scanner's verdict
 * (amavis {@code Passed SPAM}, MailScanner {@code is spam}), a DKIM signer's or verifier's result
 * (opendkim {@code DKIM-Signature field added}, {@code bad signature data}), a greylisting decision
 * (milter-greylist {@code delayed for 00:05:00}). Filters name the queue id the MTA gave the
 * message on the same host, so a verdict belongs to the transaction (host, {@link #queueId()}).
 *
 * <p><b>How the aggregator uses it:</b>
 * <ul>
 *   <li><b>Attach</b> the verdict to the transaction keyed by (host of the line, {@link #queueId()})
 *       and list it with the transaction ({@code filters: [{filter, verdict, disposition, score,
 *       delay}]}), so that {@code trace} shows the spam score, the DKIM result or the greylisting
 *       delay next to the attempts. Filter lines can precede the MTA's first line for that queue id
 *       by a moment (a milter runs while smtpd still receives): keep a verdict whose transaction is
 *       not open yet for a short grace period in event time, like other out-of-order lines.</li>
 *   <li>A verdict with {@code queueId() == null} (a milter called before the MTA assigned a queue
 *       id: postfix's {@code NOQUEUE}, milter-greylist's {@code (unknown id)}) belongs to no
 *       transaction; treat it like a {@link Rejection}: a record of its own, matched to a message
 *       by {@link #sender()}, {@link #recipients()} and time if at all.</li>
 *   <li><b>Link</b>: a non-empty {@link #queuedAs()} means the filter handed the message back to
 *       the MTA <em>on the same host</em>, where it got those new queue ids (amavis
 *       {@code queued_as:}, MailScanner {@code Requeue: A to B}; amavis lists several,
 *       {@code A/B}, when it re-injected the recipients in parts). Link (host, queueId) &rarr;
 *       (host, each queuedAs) as the
 *       next hop of the same message, exactly as a {@link RecipientAttempt#queuedAs()} links to the
 *       relay's host: this joins the pre-filter and post-filter transactions of a content-filter
 *       set-up (postfix &rarr; amavis on 127.0.0.1:10024 &rarr; postfix on :10025). The MTA usually
 *       logs the same link on its own side (postfix {@code status=sent (250 2.0.0 from MTA(...):
 *       250 2.0.0 Ok: queued as X)}); both give the same edge.</li>
 *   <li>{@link Disposition#BLOCKED}: the filter stopped the message (discarded, bounced, rejected or
 *       quarantined it) for {@link #recipients()}, or for every recipient when the list is empty.
 *       Their final outcome is "blocked by filter" whatever the MTA logged for the hand-off to the
 *       filter: postfix logs {@code status=sent} to amavis for a message amavis then discards.</li>
 *   <li>{@link Disposition#DELAYED}: a temporary refusal (greylisting); the MTA answers 4xx and the
 *       client is expected to retry after {@link #delay()} seconds. Not an end of anything.</li>
 *   <li>{@link Disposition#PASSED}: the message went on (clean, or only tagged as spam); the
 *       verdict is information for the trace.</li>
 * </ul>
 */
public interface FilterVerdict extends LogEvent {

    /** The MTA queue id the filter names ({@code 4F9D195432C}), or null when it logged none. */
    String queueId();

    /** The filter: the name of the dialect that read the line ({@code amavis}, {@code opendkim}, ...). */
    default String filter() {
        return type().dialect();
    }

    /**
     * The verdict as a short lower-case keyword; each dialect documents its own. Common ones:
     * content scanners {@code clean}, {@code spam}, {@code spammy}, {@code infected}, {@code banned},
     * {@code bad_header}, {@code unchecked}; DKIM {@code signed}, {@code pass}, {@code fail},
     * {@code none}, {@code temperror}, {@code permerror}, {@code not_signed}; greylisting
     * {@code greylisted}, {@code autowhitelisted}, {@code whitelisted}, {@code blacklisted}.
     */
    String verdict();

    /** What the verdict means for the message's way on. */
    Disposition disposition();

    /** The spam score the filter computed (amavis {@code Hits:}, SpamAssassin {@code score=}), or NaN. */
    default double score() {
        return Double.NaN;
    }

    /** For {@link Disposition#DELAYED}: seconds the client must wait before it retries, or NaN. */
    default double delay() {
        return Double.NaN;
    }

    /**
     * The queue ids the message got when the filter re-injected it into the MTA on the same host
     * (amavis {@code queued_as:}, MailScanner {@code Requeue: A to B}), in the order logged; empty
     * when it was not re-injected or the filter does not say.
     */
    default List<String> queuedAs() {
        return List.of();
    }

    /** The Message-ID without angle brackets, when the filter logged it; else null. */
    default String messageId() {
        return null;
    }

    /** The envelope sender when logged ({@code ""} for the null sender), else null. */
    default String sender() {
        return null;
    }

    /** The recipients the verdict applies to, in the order logged; empty when the filter logged none. */
    default List<String> recipients() {
        return List.of();
    }

    /** What a verdict means for the message's way on. */
    enum Disposition {
        /** The message went on: clean, tagged, signed, verified, whitelisted. */
        PASSED,
        /** The filter stopped it for the recipients concerned: discarded, bounced, rejected, quarantined. */
        BLOCKED,
        /** Temporarily refused; the client retries later (greylisting). */
        DELAYED;

        /** The name as written in output: {@code passed}, {@code blocked}, {@code delayed}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
