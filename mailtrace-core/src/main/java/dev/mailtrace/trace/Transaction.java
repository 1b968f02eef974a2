package dev.mailtrace.trace;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.mailtrace.event.Client;

/**
 * One queued message on one host: everything its log lines say, from acceptance to removal.
 * Keyed by ({@link #host}, {@link #queueId}) — queue ids repeat across hosts and over time.
 *
 * @param host the host that logged it ({@code ""} for lines without host)
 * @param queueId the MTA's queue id
 * @param start the time of its first line
 * @param end the time of its last line
 * @param client the SMTP client it came from, or null (local submission, bounce, unknown)
 * @param saslMethod the SASL method the client used, or null
 * @param saslUsername the SASL user, or null
 * @param tls the TLS session it came in over, or null
 * @param from the envelope sender ({@code ""} for the null sender of bounces), or null if not logged
 * @param size size in bytes, or -1
 * @param nrcpt number of recipients as the MTA counted them, or -1
 * @param messageId the Message-ID without angle brackets, or null
 * @param recipients every recipient with every attempt, in order of their first attempt
 * @param rejects refusals logged with this queue id (a recipient refused at RCPT, a milter or header-check reject)
 * @param actions other events about this message: milter and header-check actions, filter verdicts, ...
 * @param next the transactions this one handed the message to: one per distinct hand-off, with the
 *     host when it was found in the logs (see {@link TraceAggregator} for the rules)
 * @param prev the transaction that handed the message to this one, or null
 * @param bounceOf the transaction this one is the delivery status notification for, or null
 * @param bounces the delivery status notifications created for this one
 * @param complete whether the end was seen ({@link ClosedBy#complete()})
 * @param closedBy why the record was emitted
 * @param filters the verdicts of mail filters on this message (spam score, DKIM, greylisting), in log order
 * @param deliveries what the mailbox server did with the message this transaction handed to it, per recipient
 */
public record Transaction(String host, String queueId, Instant start, Instant end, Client client, String saslMethod,
        String saslUsername, TlsInfo tls, String from, long size, int nrcpt, String messageId,
        List<Recipient> recipients, List<Reject> rejects, List<Action> actions, List<Link> next, Link prev,
        Link bounceOf, List<Link> bounces, boolean complete, ClosedBy closedBy, List<FilterResult> filters,
        List<MailboxResult> deliveries) implements TraceRecord {

    public Transaction {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(closedBy, "closedBy");
        recipients = List.copyOf(recipients);
        rejects = List.copyOf(rejects);
        actions = List.copyOf(actions);
        next = List.copyOf(next);
        bounces = List.copyOf(bounces);
        filters = List.copyOf(filters);
        deliveries = List.copyOf(deliveries);
    }

    /** A transaction without filter verdicts and mailbox deliveries (as records written before they existed). */
    public Transaction(String host, String queueId, Instant start, Instant end, Client client, String saslMethod,
            String saslUsername, TlsInfo tls, String from, long size, int nrcpt, String messageId,
            List<Recipient> recipients, List<Reject> rejects, List<Action> actions, List<Link> next, Link prev,
            Link bounceOf, List<Link> bounces, boolean complete, ClosedBy closedBy) {
        this(host, queueId, start, end, client, saslMethod, saslUsername, tls, from, size, nrcpt, messageId, recipients,
                rejects, actions, next, prev, bounceOf, bounces, complete, closedBy, List.of(), List.of());
    }

    @Override
    public String type() {
        return "transaction";
    }

    @Override
    public Instant time() {
        return start;
    }

    /** This transaction with the links found for it. */
    public Transaction withLinks(List<Link> newNext, Link newPrev) {
        return new Transaction(host, queueId, start, end, client, saslMethod, saslUsername, tls, from, size, nrcpt,
                messageId, recipients, rejects, actions, newNext, newPrev, bounceOf, bounces, complete, closedBy, filters,
                deliveries);
    }

    /** The recipient with this address (case-insensitive), or null. */
    public Recipient recipient(String address) {
        for (Recipient r : recipients) {
            if (r.to().equalsIgnoreCase(address)) {
                return r;
            }
        }
        return null;
    }
}
