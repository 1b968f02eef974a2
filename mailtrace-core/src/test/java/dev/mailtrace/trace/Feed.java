package dev.mailtrace.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.LogEvent;

/**
 * Feeds synthetic events into an aggregator like log lines would: a host and a time per event,
 * times given as offsets from a base ({@code "+2s"}, {@code "+3h"}) or ISO instants.
 */
final class Feed {

    final List<TraceRecord> records = new ArrayList<>();
    TraceAggregator agg;
    private final TraceLimits limits;
    private final boolean messages;
    Instant base = Instant.parse("2026-11-24T09:04:00Z");
    Instant now = base;
    String host = "mx1";

    Feed(TraceLimits limits, boolean messages) {
        this.limits = limits;
        this.messages = messages;
        this.agg = TraceAggregator.builder().limits(limits).messages(messages).listener(records::add).build();
    }

    /** Ends this run as a cron job would: the state written, then read into the aggregator that goes on. */
    Feed restart() throws java.io.IOException {
        java.io.ByteArrayOutputStream state = new java.io.ByteArrayOutputStream();
        agg.writeState(state);
        agg = TraceAggregator.builder().limits(limits).messages(messages).listener(records::add).build();
        agg.readState(new java.io.ByteArrayInputStream(state.toByteArray()));
        return this;
    }

    Feed() {
        this(TraceLimits.DEFAULTS, true);
    }

    Feed on(String h) {
        host = h;
        return this;
    }

    /** Sets the time: {@code +10s}, {@code +2h} (from the base), or an ISO instant. */
    Feed at(String t) {
        if (t.startsWith("+")) {
            now = base.plus(Duration.parse("PT" + t.substring(1).toUpperCase()));
        } else {
            now = Instant.parse(t);
        }
        return this;
    }

    Feed ev(LogEvent e) {
        agg.accept(host, now, "prog", 1, e);
        return this;
    }

    Feed ev(String process, long pid, LogEvent e) {
        agg.accept(host, now, process, pid, e);
        return this;
    }

    Feed accepted(String q, String clientName, String ip) {
        return ev(new Ev.Accepted(q, clientName == null && ip == null ? null : Ev.client(clientName, ip), null, null, null));
    }

    Feed msgid(String q, String id) {
        return ev(new Ev.Identified(q, id));
    }

    Feed from(String q, String sender, long size, int n) {
        return ev(new Ev.Sender(q, sender, size, n));
    }

    Feed sent(String q, String to, String relay, String queuedAs) {
        return ev(new Ev.Attempt(q, to, null, relay, 0.5, "0.1/0.1/0.1/0.2", "2.0.0", DeliveryStatus.SENT,
                "250 2.0.0 Ok" + (queuedAs == null ? "" : ": queued as " + queuedAs), queuedAs));
    }

    Feed attempt(String q, String to, DeliveryStatus status, String relay, String response) {
        return ev(new Ev.Attempt(q, to, null, relay, 1, null, status == DeliveryStatus.SENT ? "2.0.0"
                : status == DeliveryStatus.DEFERRED ? "4.4.1" : "5.1.1", status, response, null));
    }

    Feed removed(String q) {
        return ev(new Ev.Removed(q));
    }

    Feed finish() {
        agg.finish();
        return this;
    }

    List<Transaction> transactions() {
        return records.stream().filter(r -> r instanceof Transaction).map(r -> (Transaction) r).collect(Collectors.toList());
    }

    List<MessageTrace> messages() {
        return records.stream().filter(r -> r instanceof MessageTrace).map(r -> (MessageTrace) r).collect(Collectors.toList());
    }

    List<Reject> rejects() {
        return records.stream().filter(r -> r instanceof Reject).map(r -> (Reject) r).collect(Collectors.toList());
    }

    Transaction tx(String host, String q) {
        List<Transaction> found = transactions().stream()
                .filter(t -> t.host().equals(host) && t.queueId().equals(q)).collect(Collectors.toList());
        if (found.size() != 1) {
            throw new AssertionError("expected one transaction " + host + "/" + q + ", found " + found.size() + ": " + found);
        }
        return found.get(0);
    }

    static Client client(String name, String ip) {
        return Ev.client(name, ip);
    }
}
