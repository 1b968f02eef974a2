package dev.mailtrace.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.io.LogReader;
import dev.mailtrace.parse.LogParser;

/**
 * {@link TraceAggregator#writeState} / {@link TraceAggregator#readState}: a run over a log in two parts,
 * the state saved after the first and restored before the second, emits exactly the records of one
 * uninterrupted run, wherever the log is cut.
 */
class TraceStateTest {

    /** One event as the pipeline feeds it. */
    record Fed(String host, java.time.Instant time, String program, long pid, LogEvent event) {
        void to(TraceAggregator agg) {
            agg.accept(host, time, program, pid, event);
        }
    }

    static final TraceLimits TIGHT = TraceLimits.builder().maxOpenTransactions(12).idleTimeout(Duration.ofMinutes(20))
            .deferredIdleTimeout(Duration.ofHours(3)).reorderWindow(Duration.ofSeconds(5)).linkWindow(Duration.ofMinutes(2))
            .maxPendingMessages(1).build();

    /**
     * Three hosts with every case of the aggregator: relays with queued-as, loopback reinjection, mailbox
     * delivery, Message-ID-only hops, deferred-then-sent hours apart, messages never removed (timeouts),
     * queue ids reused, hosts slightly out of order, New Year.
     */
    static String messyLog(int messages, long seed) {
        Random rnd = new Random(seed);
        List<Object[]> lines = new ArrayList<>();
        LocalDateTime t = LocalDateTime.of(2025, 12, 31, 21, 0);
        for (int i = 0; i < messages; i++) {
            t = t.plusSeconds(rnd.nextInt(40));
            String mx = rnd.nextBoolean() ? "mx1" : "mx2";
            String q = String.format("%04X", rnd.nextInt(48)); // reused
            String d = "D" + q;
            String id = "m" + i + "@x";
            add(lines, t, mx, q + ": accepted c" + i + "[192.0.2." + (i % 200) + "]");
            add(lines, t, mx, q + ": msgid=" + id);
            add(lines, t, mx, q + ": from=s" + i + "@x size=" + (1000 + i));
            int kind = rnd.nextInt(6);
            LocalDateTime t2 = t.plusSeconds(1 + rnd.nextInt(8));
            switch (kind) {
                case 0, 1 -> { // relay to mbox1, which delivers locally; mbox1 logs a second early sometimes
                    LocalDateTime tb = rnd.nextBoolean() ? t2.minusSeconds(1) : t2;
                    add(lines, tb, "mbox1", d + ": accepted " + mx + "[10.1.0." + (mx.equals("mx1") ? 10 : 11) + "]");
                    add(lines, tb, "mbox1", d + ": msgid=" + id);
                    add(lines, t2, mx, q + ": to=r" + i + "@y relay=mbox1[10.1.0.20]:25 status=sent queued_as=" + d);
                    add(lines, t2, mx, q + ": removed");
                    add(lines, t2.plusSeconds(1), "mbox1", d + ": to=r" + i + "@y relay=local status=sent");
                    add(lines, t2.plusSeconds(1), "mbox1", d + ": removed");
                }
                case 2 -> { // content filter on the same host
                    String f = "F" + q;
                    add(lines, t2, mx, f + ": accepted localhost[127.0.0.1]");
                    add(lines, t2, mx, f + ": msgid=" + id);
                    add(lines, t2, mx, q + ": to=r" + i + "@y relay=127.0.0.1[127.0.0.1]:10024 status=sent queued_as=" + f);
                    add(lines, t2, mx, q + ": removed");
                    add(lines, t2.plusSeconds(2), mx, f + ": to=r" + i + "@y relay=out.example[198.51.100.7]:25 status=sent");
                    add(lines, t2.plusSeconds(2), mx, f + ": removed");
                }
                case 3 -> { // deferred, sent hours later
                    add(lines, t2, mx, q + ": to=r" + i + "@y relay=slow.example[198.51.100.9]:25 status=deferred");
                    LocalDateTime t3 = t2.plusMinutes(30 + rnd.nextInt(200));
                    add(lines, t3, mx, q + ": to=r" + i + "@y relay=slow.example[198.51.100.9]:25 status=sent");
                    add(lines, t3, mx, q + ": removed");
                }
                case 4 -> { // no hand-off logged: the Message-ID joins the next hop
                    add(lines, t2, "mbox1", "M" + q + ": accepted " + mx + "[10.1.0.12]");
                    add(lines, t2, "mbox1", "M" + q + ": msgid=" + id);
                    add(lines, t2, mx, q + ": to=r" + i + "@y relay=mbox1[10.1.0.20]:25 status=sent");
                    add(lines, t2.plusSeconds(1), "mbox1", "M" + q + ": to=r" + i + "@y relay=local status=sent");
                    add(lines, t2.plusSeconds(1), "mbox1", "M" + q + ": removed");
                }
                default -> { // never removed: ends by timeout, eviction or end of input
                    add(lines, t2, mx, q + ": to=r" + i + "@y relay=out.example[198.51.100.7]:25 status=sent");
                }
            }
        }
        lines.sort(Comparator.comparing(l -> (LocalDateTime) l[0])); // stable: same second keeps log order
        StringBuilder sb = new StringBuilder();
        for (Object[] l : lines) {
            sb.append(TracePipelineTest.SYSLOG.format((LocalDateTime) l[0])).append(' ').append(l[1]).append('\n');
        }
        return sb.toString();
    }

    private static void add(List<Object[]> lines, LocalDateTime t, String host, String message) {
        lines.add(new Object[] {t, host + " mini[1]: " + message});
    }

    static List<Fed> events(String log) throws IOException {
        List<Fed> events = new ArrayList<>();
        LogParser parser = LogParser.builder(TracePipelineTest.registry()).zone(TracePipelineTest.ZONE).year(2025).build();
        try (LogReader in = LogReader.builder().open("-", new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)))) {
            parser.parse(in, (line, event) -> {
                if (TraceAggregator.accepts(event)) {
                    events.add(new Fed(line.host(), line.instant(), line.program(), line.pid(), event));
                }
            });
        }
        return events;
    }

    static List<TraceRecord> oneRun(List<Fed> events, TraceLimits limits, boolean messages) {
        List<TraceRecord> out = new ArrayList<>();
        TraceAggregator agg = TraceAggregator.builder().limits(limits).messages(messages).listener(out::add).build();
        events.forEach(e -> e.to(agg));
        agg.finish();
        return out;
    }

    /** Events before {@code cut} in one aggregator, its state into a new one, the rest there. */
    static List<TraceRecord> twoRuns(List<Fed> events, int cut, TraceLimits limits, boolean messages) throws IOException {
        List<TraceRecord> out = new ArrayList<>();
        TraceAggregator first = TraceAggregator.builder().limits(limits).messages(messages).listener(out::add).build();
        events.subList(0, cut).forEach(e -> e.to(first));
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        first.writeState(state);
        TraceAggregator second = TraceAggregator.builder().limits(limits).messages(messages).listener(out::add).build();
        second.readState(new ByteArrayInputStream(state.toByteArray()));
        assertThat(second.openTransactions()).isEqualTo(first.openTransactions());
        events.subList(cut, events.size()).forEach(e -> e.to(second));
        second.finish();
        return out;
    }

    @Test
    void cutAnywhereTheRecordsAreThoseOfOneRun() throws IOException {
        List<Fed> events = events(messyLog(400, 7));
        for (TraceLimits limits : List.of(TraceLimits.DEFAULTS, TIGHT)) {
            for (boolean messages : new boolean[] {true, false}) {
                List<TraceRecord> one = oneRun(events, limits, messages);
                assertThat(one).hasSizeGreaterThan(400);
                for (int cut = 0; cut <= events.size(); cut += 1 + cut % 53) {
                    assertThat(twoRuns(events, cut, limits, messages))
                            .as("cut before event %d of %d, messages %s, %s", cut, events.size(), messages, limits)
                            .isEqualTo(one);
                }
            }
        }
    }

    @Test
    void theTightLimitsAndTheMessyLogReachEveryCase() throws IOException {
        List<TraceRecord> out = new ArrayList<>();
        TraceAggregator agg = TraceAggregator.builder().limits(TIGHT).messages(true).listener(out::add).build();
        events(messyLog(400, 7)).forEach(e -> e.to(agg));
        agg.finish();
        TraceStats s = agg.stats();
        assertThat(s.transactionsByClose()).containsKeys(ClosedBy.REMOVED, ClosedBy.TIMEOUT, ClosedBy.EVICTED,
                ClosedBy.REUSED);
        assertThat(s.links()).containsKeys(Link.Kind.RELAY, Link.Kind.REINJECTION, Link.Kind.MESSAGE_ID);
        assertThat(s.earlyMessages()).isPositive();
    }

    @Test
    void aCheckpointChangesNothingAndARestoredStateWritesItselfAgain() throws IOException {
        List<Fed> events = events(messyLog(300, 11));
        List<TraceRecord> one = oneRun(events, TraceLimits.DEFAULTS, true);
        List<TraceRecord> out = new ArrayList<>();
        TraceAggregator agg = TraceAggregator.builder().messages(true).listener(out::add).build();
        for (int i = 0; i < events.size(); i++) {
            events.get(i).to(agg);
            if (i % 97 == 0) {
                // the numbering of shared objects follows hash order, which a restored map may change once
                String restoredOnce = rewritten(written(agg));
                assertThat(rewritten(restoredOnce)).isEqualTo(restoredOnce);
            }
        }
        agg.finish();
        assertThat(out).isEqualTo(one);
    }

    private static String written(TraceAggregator agg) throws IOException {
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        agg.writeState(state);
        return state.toString(StandardCharsets.UTF_8);
    }

    private static String rewritten(String state) throws IOException {
        TraceAggregator copy = fresh(true);
        copy.readState(bytes(state));
        return written(copy);
    }

    @Test
    void everyValueSurvivesTheRoundTrip() throws IOException {
        // a transaction with every field set, still open when the state is written
        Feed f = new Feed();
        f.at("+0s").ev("smtpd", 7, new Ev.Tls(Ev.client("a.example", "192.0.2.1"), "TLSv1.3", "TLS_AES_256_GCM_SHA384", 256))
                .ev("smtpd", 7, new Ev.Accepted("Q1", Ev.client("a.example", "192.0.2.1"), "PLAIN", "alice", null))
                .msgid("Q1", "id@x").from("Q1", "alice@x", 4127, 2)
                .ev(new Ev.Reject("Q1", Ev.client("a.example", "192.0.2.1"), "RCPT", 450, "4.7.1", "greylisted",
                        "alice@x", "bob@y", "a.example"))
                .ev(new Ev.Milter("Q1", "hold", 7))
                .ev(new Scored("Q1", 7.5))
                .ev(new Scored("Q1", Double.NaN))
                .attempt("Q1", "carol@y", dev.mailtrace.event.DeliveryStatus.DEFERRED, "mx.y[192.0.2.9]:25", "451 try later");
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        f.agg.writeState(state);
        int before = f.records.size(); // the reject, emitted at once
        f.agg.finish();
        List<TraceRecord> restored = new ArrayList<>();
        TraceAggregator agg = TraceAggregator.builder().messages(true).listener(restored::add).build();
        agg.readState(new ByteArrayInputStream(state.toByteArray()));
        agg.finish();
        assertThat(restored).isEqualTo(f.records.subList(before, f.records.size())).hasSize(2);
        Transaction t = (Transaction) restored.stream().filter(r -> r instanceof Transaction).findFirst().orElseThrow();
        assertThat(t.tls()).isNotNull();
        assertThat(t.saslUsername()).isEqualTo("alice");
        assertThat(t.rejects()).hasSize(1);
        assertThat(t.actions()).hasSize(3);
        assertThat(t.actions().get(0).fields()).containsEntry("score", 7L).containsEntry("final", true);
        assertThat(t.actions().get(1).fields()).containsEntry("score", 7.5);
        assertThat(t.actions().get(2).fields().get("score")).isEqualTo(Double.NaN);
        assertThat(t.recipients().get(0).attempts().get(0).delay()).isEqualTo(1.0);
    }

    /** Found by fuzzing (PostfixFuzzTest): a process whose name holds a NUL did not read back from a saved state. */
    @Test
    void aTlsSessionPendingAtARestartKeepsItsProcessWhateverItsName() throws IOException {
        for (String[] process : new String[][] {{"mx1", "smtpd"}, {"mx1", "post\u0000fix/s pd"}, {"m\u0000x", "x\u0000"}, {"mx1", null}}) {
            Feed f = new Feed().on(process[0]);
            f.ev(process[1], 7, new Ev.Tls(Ev.client("a.example", "192.0.2.1"), "TLSv1.3", "TLS_AES_256_GCM_SHA384", 256));
            f.restart();
            f.ev(process[1], 7, new Ev.Accepted("Q1", Ev.client("a.example", "192.0.2.1"), null, null, null)).ev(new Ev.Removed("Q1"));
            f.agg.finish();
            assertThat(f.records).filteredOn(Transaction.class::isInstance).singleElement()
                    .satisfies(r -> assertThat(((Transaction) r).tls()).as("%s", java.util.Arrays.toString(process)).isNotNull());
        }
        // as states written before 0.1 joined the process: host NUL program NUL pid
        Feed f = new Feed();
        f.ev("smtpd", 7, new Ev.Tls(Ev.client("a.example", "192.0.2.1"), "TLSv1.3", "TLS_AES_256_GCM_SHA384", 256));
        String json = written(f.agg);
        String joined = json.replace("\"host\":\"mx1\",\"program\":\"smtpd\",\"pid\":7", "\"process\":\"mx1\\u0000smtpd\\u00007\"");
        assertThat(joined).isNotEqualTo(json);
        TraceAggregator agg = fresh(true);
        agg.readState(bytes(joined));
        assertThat(written(agg)).isEqualTo(json);
    }

    record Scored(String queueId, double score) implements dev.mailtrace.event.QueueEvent {
        @Override
        public dev.mailtrace.event.EventType type() {
            return Ev.type("scored");
        }

        @Override
        public void writeFields(dev.mailtrace.event.FieldWriter out) {
            out.string("queue_id", queueId);
            out.decimal("score", score);
        }
    }

    @Test
    void whatIsNotAStateIsRefusedWithAReason() throws IOException {
        TraceAggregator messages = TraceAggregator.builder().messages(true).listener(r -> { }).build();
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        messages.writeState(state);
        String json = state.toString(StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"format\":\"mailtrace-trace-state\",\"version\":1,\"messages\":true,");
        assertThatThrownBy(() -> fresh(false).readState(bytes(json)))
                .isInstanceOf(TraceStateException.class).hasMessageContaining("messages [true]")
                .hasMessageContaining(".messages(true)");
        assertThatThrownBy(() -> fresh(true).readState(bytes(json.replace("\"version\":1", "\"version\":2"))))
                .isInstanceOf(TraceStateException.class).hasMessage("trace state version [2]; this mailtrace reads version [1]");
        assertThatThrownBy(() -> fresh(true).readState(bytes("{\"type\":\"transaction\"}")))
                .isInstanceOf(TraceStateException.class).hasMessageContaining("not a trace state");
        assertThatThrownBy(() -> fresh(true).readState(bytes("Nov 24 10:04:01 mx1 postfix")))
                .isInstanceOf(TraceStateException.class).hasMessageContaining("not a trace state");
        assertThatThrownBy(() -> fresh(true).readState(bytes(json.substring(0, json.length() / 2))))
                .isInstanceOf(TraceStateException.class).hasMessageContaining("damaged trace state");
        TraceAggregator used = fresh(true);
        used.accept("mx1", java.time.Instant.EPOCH, "p", 1, new Ev.Removed("Q"));
        assertThatThrownBy(() -> used.readState(bytes(json))).isInstanceOf(IllegalStateException.class);
    }

    private static TraceAggregator fresh(boolean messages) {
        return TraceAggregator.builder().messages(messages).listener(r -> { }).build();
    }

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
