package dev.mailtrace.trace;

import java.util.Locale;
import java.util.Objects;

/**
 * A link between two transactions of the same e-mail (or of an e-mail and its bounce).
 *
 * @param host the other transaction's host, or null when the relay is not a host in the logs
 * @param queueId the other transaction's queue id
 * @param relay the relay the message was handed to, as logged, or null
 * @param via how the link was made
 */
public record Link(String host, String queueId, String relay, Kind via) {

    public Link {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(via, "via");
    }

    /** How two transactions were linked; see {@link TraceAggregator} for the rules. */
    public enum Kind {
        /** The relay's reply named the queue id on the next host ({@code 250 Ok: queued as 7A3C31A0F21}). */
        RELAY,
        /**
         * The same host queued the message again: a content filter on a loopback address or a socket
         * ({@code relay=127.0.0.1[127.0.0.1]:10024 ... queued as X}), or the MTA naming the previous queue id
         * ({@code orig_queue_id=}).
         */
        REINJECTION,
        /** No hand-off was logged; the two share the Message-ID (fallback). */
        MESSAGE_ID,
        /** A delivery status notification (bounce) and the message it reports on. */
        BOUNCE;

        private final String label = name().toLowerCase(Locale.ROOT);

        /** The name as written in output: {@code relay}, {@code reinjection}, {@code message_id}, {@code bounce}. */
        public String label() {
            return label;
        }
    }
}
