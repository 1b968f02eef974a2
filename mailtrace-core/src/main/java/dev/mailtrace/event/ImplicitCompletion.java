package dev.mailtrace.event;

/**
 * An event of an MTA that logs no line when a message leaves its queue (sendmail has no
 * {@code removed}): the transaction it belongs to ends implicitly, when its recipients are done.
 *
 * <p>The rule for aggregators: a transaction that has seen an {@code ImplicitCompletion} event
 * and no {@link MessageRemoved} is complete as soon as
 * <ol>
 *   <li>it knows at least as many distinct recipients as the largest
 *       {@link #expectedRecipients()} seen (sendmail's {@code nrcpts=} on the {@code from=} line),
 *       or at least one recipient when no event gave a number, and</li>
 *   <li>the latest attempt of every recipient has a {@linkplain DeliveryStatus#isFinal() final}
 *       status (a {@link MessageExpired} turns the deferred ones into
 *       {@link DeliveryStatus#EXPIRED}).</li>
 * </ol>
 * An expected count of 0 completes the transaction at once: sendmail logs {@code nrcpts=0} for an
 * envelope whose recipients were all refused. Lines of the same (host, queue id) may still follow
 * within the same second (a {@link BounceCreated} is logged right after the failed attempt that
 * caused it), so an aggregator should hold an implicitly completed transaction for a short grace
 * period, in event time, before it emits it, and add such late lines to it. An explicit
 * {@link MessageRemoved} (sendmail's {@code done} at higher log levels) still completes at once.
 */
public interface ImplicitCompletion extends QueueEvent {

    /** How many recipients the message has, when this line says so (sendmail {@code nrcpts=}), or -1. */
    int expectedRecipients();
}
