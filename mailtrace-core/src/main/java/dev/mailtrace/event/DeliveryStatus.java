package dev.mailtrace.event;

import java.util.Locale;

/**
 * The outcome of one delivery attempt for one recipient. Ordered by finality for aggregation:
 * a recipient's final status is the last attempt's, but {@link #isFinal()} tells which end it.
 */
public enum DeliveryStatus {
    /** Delivered or handed on to the next hop. */
    SENT(true),
    /** Temporary failure; will be retried. */
    DEFERRED(false),
    /** Permanent failure; a bounce is sent. */
    BOUNCED(true),
    /** Given up after the maximal queue lifetime. */
    EXPIRED(true),
    /** Discarded on purpose (discard transport, filter). */
    DISCARDED(true),
    /** Held in a queue for an administrator. */
    HELD(false),
    /** Address verification result (postfix verify); not a real delivery. */
    DELIVERABLE(true),
    /** Address verification failure. */
    UNDELIVERABLE(true),
    /** A status word we do not know; the raw word is in the event. */
    OTHER(false);

    private final boolean isFinal;

    DeliveryStatus(boolean isFinal) {
        this.isFinal = isFinal;
    }

    /** Whether no further attempt follows for this recipient. */
    public boolean isFinal() {
        return isFinal;
    }

    /** The name as written in output: {@code sent}, {@code deferred}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for a word as MTAs log it ({@code sent}, {@code Sent}, {@code bounced}, ...); OTHER if unknown. */
    public static DeliveryStatus fromWord(String word) {
        if (word == null) {
            return OTHER;
        }
        switch (word.toLowerCase(Locale.ROOT)) {
            case "sent": return SENT;
            case "deferred": return DEFERRED;
            case "bounced": return BOUNCED;
            case "expired": return EXPIRED;
            case "discarded": return DISCARDED;
            case "held": case "hold": return HELD;
            case "deliverable": return DELIVERABLE;
            case "undeliverable": return UNDELIVERABLE;
            default: return OTHER;
        }
    }
}
