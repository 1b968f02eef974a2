package dev.mailtrace.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.RejectReason;

/** Transactions from events: every case the issue lists under Aggregator, on synthetic events. */
class TraceAggregatorTest {

    @Test
    void oneTransactionFromAcceptanceToRemoval() {
        Feed f = new Feed();
        f.at("+0s").accepted("Q1", "mail.example.org", "198.51.100.23")
                .msgid("Q1", "abc@example.org")
                .from("Q1", "alice@example.org", 4127, 2)
                .at("+1s").sent("Q1", "bob@example.net", "mx.example.net[192.0.2.1]:25", "NEXT1")
                .ev(new Ev.Attempt("Q1", "carol@example.net", "list@example.net", "mx.example.net[192.0.2.1]:25", 0.7,
                        "0.1/0/0.2/0.4", "5.1.1", DeliveryStatus.BOUNCED, "550 5.1.1 no such user", null))
                .at("+2s").removed("Q1");
        assertThat(f.transactions()).as("waits for the reorder window").isEmpty();
        f.finish();
        Transaction t = f.tx("mx1", "Q1");
        assertThat(t.complete()).isTrue();
        assertThat(t.closedBy()).isEqualTo(ClosedBy.REMOVED);
        assertThat(t.start()).isEqualTo(f.base);
        assertThat(t.end()).isEqualTo(f.base.plusSeconds(2));
        assertThat(t.client().hostname()).isEqualTo("mail.example.org");
        assertThat(t.from()).isEqualTo("alice@example.org");
        assertThat(t.size()).isEqualTo(4127);
        assertThat(t.nrcpt()).isEqualTo(2);
        assertThat(t.messageId()).isEqualTo("abc@example.org");
        assertThat(t.recipients()).extracting(Recipient::to).containsExactly("bob@example.net", "carol@example.net");
        Recipient carol = t.recipient("CAROL@example.net");
        assertThat(carol.origTo()).isEqualTo("list@example.net");
        assertThat(carol.status()).isEqualTo(DeliveryStatus.BOUNCED);
        DeliveryAttempt a = carol.lastAttempt();
        assertThat(a.delay()).isEqualTo(0.7);
        assertThat(a.delays()).isEqualTo("0.1/0/0.2/0.4");
        assertThat(a.response()).isEqualTo("550 5.1.1 no such user");
        assertThat(t.next()).containsExactly(new Link(null, "NEXT1", "mx.example.net[192.0.2.1]:25", Link.Kind.RELAY));
    }

    @Test
    void emittedAfterTheReorderWindowInEventTimeNotWallClock() {
        Feed f = new Feed();
        f.at("+0s").accepted("Q1", "c", "192.0.2.7").at("+1s").removed("Q1");
        f.at("+10s").accepted("Q2", "c", "192.0.2.7");
        assertThat(f.transactions()).isEmpty();
        f.at("+12s").accepted("Q3", "c", "192.0.2.7");
        assertThat(f.transactions()).extracting(Transaction::queueId).containsExactly("Q1");
    }

    @Test
    void deferredHoursApartThenSentIsOneRecipientWithEveryAttempt() {
        Feed f = new Feed();
        f.at("+0s").accepted("Q1", null, null).from("Q1", "erin@example.org", 812, 1)
                .at("+1s").attempt("Q1", "frank@partner.example", DeliveryStatus.DEFERRED, "none", "connect: timed out")
                .at("+3h").from("Q1", "erin@example.org", 812, 1)
                .attempt("Q1", "frank@partner.example", DeliveryStatus.DEFERRED, "none", "connect: timed out")
                // other mail goes on meanwhile: the host clock moves far past idle_timeout
                .at("+7h").accepted("OTHER", "c", "192.0.2.9").removed("OTHER")
                .at("+9h").attempt("Q1", "frank@partner.example", DeliveryStatus.SENT, "mx.partner.example[192.0.2.99]:25", "250 ok")
                .removed("Q1").finish();
        Transaction t = f.tx("mx1", "Q1");
        assertThat(t.complete()).isTrue();
        assertThat(t.recipients()).hasSize(1);
        Recipient r = t.recipients().get(0);
        assertThat(r.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(r.attempts()).extracting(DeliveryAttempt::status)
                .containsExactly(DeliveryStatus.DEFERRED, DeliveryStatus.DEFERRED, DeliveryStatus.SENT);
        assertThat(r.attempts().get(2).time()).isEqualTo(f.base.plus(Duration.ofHours(9)));
    }

    @Test
    void deferredThenExpiredEndsExpiredWithItsBounce() {
        Feed f = new Feed();
        f.at("+0s").accepted("Q1", null, null).from("Q1", "erin@example.org", 812, 2)
                .attempt("Q1", "frank@partner.example", DeliveryStatus.DEFERRED, "none", "timed out")
                .attempt("Q1", "gina@other.example", DeliveryStatus.SENT, "mx.other.example[192.0.2.5]:25", "250 ok");
        for (int h = 1; h <= 120; h++) {
            f.at("+" + h + "h").from("Q1", "erin@example.org", 812, 2)
                    .attempt("Q1", "frank@partner.example", DeliveryStatus.DEFERRED, "none", "timed out");
        }
        f.at("+121h").ev(new Ev.Expired("Q1", "erin@example.org"))
                .msgid("B1", "bounce@mx1").ev(new Ev.Bounce("Q1", "B1")).removed("Q1")
                .from("B1", "", 2000, 1).sent("B1", "erin@example.org", "local", null).removed("B1").finish();
        Transaction t = f.tx("mx1", "Q1");
        assertThat(t.recipient("frank@partner.example").status()).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(t.recipient("frank@partner.example").attempts()).hasSize(121)
                .allMatch(a -> a.status() == DeliveryStatus.DEFERRED);
        assertThat(t.recipient("gina@other.example").status()).as("per-recipient outcome").isEqualTo(DeliveryStatus.SENT);
        assertThat(t.bounces()).containsExactly(new Link("mx1", "B1", null, Link.Kind.BOUNCE));
        Transaction b = f.tx("mx1", "B1");
        assertThat(b.bounceOf()).isEqualTo(new Link("mx1", "Q1", null, Link.Kind.BOUNCE));
        assertThat(b.from()).isEmpty();
        assertThat(b.complete()).isTrue();
    }

    @Test
    void recipientsHaveTheirOwnOutcomes() {
        Feed f = new Feed();
        f.at("+0s").accepted("Q1", "c", "192.0.2.1").from("Q1", "a@x", 1, 3)
                .at("+1s").attempt("Q1", "ok@y", DeliveryStatus.SENT, "y[192.0.2.2]:25", "250")
                .attempt("Q1", "gone@y", DeliveryStatus.BOUNCED, "y[192.0.2.2]:25", "550 unknown")
                .attempt("Q1", "later@z", DeliveryStatus.DEFERRED, "z[192.0.2.3]:25", "451 try later")
                .at("+20m").attempt("Q1", "later@z", DeliveryStatus.SENT, "z[192.0.2.3]:25", "250")
                .removed("Q1").finish();
        Transaction t = f.tx("mx1", "Q1");
        assertThat(t.recipients()).extracting(Recipient::to, Recipient::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ok@y", DeliveryStatus.SENT),
                org.assertj.core.groups.Tuple.tuple("gone@y", DeliveryStatus.BOUNCED),
                org.assertj.core.groups.Tuple.tuple("later@z", DeliveryStatus.SENT));
        assertThat(t.recipient("later@z").attempts()).hasSize(2);
    }

    @Test
    void statusIsTheLatestAttemptInEventTimeEvenWhenLinesArriveOutOfOrder() {
        Feed f = new Feed();
        f.at("+0s").accepted("Q1", "c", "192.0.2.1")
                .at("+5s").attempt("Q1", "b@y", DeliveryStatus.SENT, "y[192.0.2.2]:25", "250")
                .at("+2s").attempt("Q1", "b@y", DeliveryStatus.DEFERRED, "y[192.0.2.2]:25", "451")
                .at("+6s").removed("Q1").finish();
        Recipient r = f.tx("mx1", "Q1").recipients().get(0);
        assertThat(r.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(r.attempts()).extracting(DeliveryAttempt::status).containsExactly(DeliveryStatus.DEFERRED, DeliveryStatus.SENT);
    }

    @Test
    void queueIdsAreReusedHoursLater() {
        Feed f = new Feed();
        f.at("+0s").accepted("Q1", "a", "192.0.2.1").from("Q1", "first@x", 1, 1)
                .sent("Q1", "r@y", "y[192.0.2.2]:25", null).removed("Q1")
                .at("+5h").ev(new Ev.Accepted("Q1", null, null, null, null)).from("Q1", "second@x", 2, 1)
                .sent("Q1", "s@y", "y[192.0.2.2]:25", null).removed("Q1")
                // a bounce reusing the id: its first line is the message id
                .at("+9h").msgid("Q1", "third@mx1").from("Q1", "", 3, 1).sent("Q1", "t@y", "local", null).removed("Q1")
                .finish();
        assertThat(f.transactions()).extracting(Transaction::from).containsExactly("first@x", "second@x", "");
        assertThat(f.transactions()).allMatch(Transaction::complete);
        assertThat(f.transactions()).extracting(t -> t.recipients().get(0).to()).containsExactly("r@y", "s@y", "t@y");
    }

    @Test
    void aQueueIdReusedWithoutItsEndBeingLoggedClosesTheOldOneAsReused() {
        Feed f = new Feed();
        f.at("+0s").accepted("Q1", "spammer", "203.0.113.5") // session aborted: never removed
                .at("+30m").accepted("Q1", "good", "192.0.2.8").from("Q1", "ok@x", 1, 1).removed("Q1").finish();
        assertThat(f.transactions()).extracting(Transaction::closedBy).containsExactly(ClosedBy.REUSED, ClosedBy.REMOVED);
        assertThat(f.transactions().get(0).complete()).isFalse();
        assertThat(f.transactions().get(1).client().hostname()).isEqualTo("good");
    }

    @Test
    void aLateAcceptanceLineJoinsItsOwnTransaction() {
        Feed f = new Feed();
        f.at("+0s").msgid("Q1", "m@x").accepted("Q1", "c", "192.0.2.1").from("Q1", "a@x", 1, 1).removed("Q1").finish();
        assertThat(f.transactions()).hasSize(1);
        Transaction t = f.transactions().get(0);
        assertThat(t.messageId()).isEqualTo("m@x");
        assertThat(t.client().ip()).isEqualTo("192.0.2.1");
    }

    @Test
    void keyedByHostAndQueueIdNeverQueueIdAlone() {
        Feed f = new Feed();
        f.on("mx1").at("+0s").accepted("SAME", "c1", "192.0.2.1").from("SAME", "one@x", 1, 1);
        f.on("mx2").at("+0s").accepted("SAME", "c2", "192.0.2.2").from("SAME", "two@x", 1, 1);
        f.on("mx1").at("+1s").sent("SAME", "a@y", "y[192.0.2.9]:25", null).removed("SAME");
        f.on("mx2").at("+1s").sent("SAME", "b@y", "y[192.0.2.9]:25", null).removed("SAME");
        f.finish();
        assertThat(f.tx("mx1", "SAME").from()).isEqualTo("one@x");
        assertThat(f.tx("mx2", "SAME").from()).isEqualTo("two@x");
        assertThat(f.tx("mx2", "SAME").recipients()).extracting(Recipient::to).containsExactly("b@y");
    }

    @Test
    void lateLinesWithinTheReorderWindowJoinAFinishedTransaction() {
        Feed f = new Feed();
        f.at("+0s").accepted("Q1", "c", "192.0.2.1").from("Q1", "a@x", 1, 2)
                .at("+3s").removed("Q1")
                .at("+2s").sent("Q1", "late@y", "y[192.0.2.2]:25", null) // logged before removal, arrived after
                .at("+4s").ev(new Ev.Verdict("Q1", "CLEAN", null))
                .at("+30s").accepted("Q2", "c", "192.0.2.1").finish();
        Transaction t = f.tx("mx1", "Q1");
        assertThat(t.recipients()).extracting(Recipient::to).containsExactly("late@y");
        assertThat(t.actions()).extracting(Action::event).containsExactly("test/verdict");
        assertThat(t.end()).isEqualTo(f.base.plusSeconds(4));
    }

    @Test
    void idleTransactionsTimeOutOnTheirHostsEventClock() {
        Feed f = new Feed(TraceLimits.builder().idleTimeout(Duration.ofMinutes(30)).build(), false);
        f.on("mx1").at("+0s").accepted("ABORTED", "c", "192.0.2.1");
        // another host's clock running ahead does not time it out: per-host clocks
        f.on("mx2").at("+5h").accepted("X", "c", "192.0.2.2").removed("X");
        assertThat(f.transactions()).isEmpty();
        f.on("mx1").at("+20m").accepted("Q2", "c", "192.0.2.3");
        assertThat(f.transactions()).isEmpty();
        f.on("mx1").at("+31m").accepted("Q3", "c", "192.0.2.4");
        assertThat(f.transactions()).extracting(Transaction::queueId, Transaction::closedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ABORTED", ClosedBy.TIMEOUT));
        assertThat(f.transactions().get(0).complete()).isFalse();
        f.finish();
        assertThat(f.tx("mx1", "Q3").closedBy()).isEqualTo(ClosedBy.END_OF_INPUT);
        assertThat(f.tx("mx2", "X").closedBy()).isEqualTo(ClosedBy.REMOVED);
    }

    @Test
    void deferredTransactionsWaitLongerThanIdleOnes() {
        Feed f = new Feed(TraceLimits.builder().idleTimeout(Duration.ofMinutes(30))
                .deferredIdleTimeout(Duration.ofHours(10)).build(), false);
        f.at("+0s").accepted("D", "c", "192.0.2.1").attempt("D", "x@y", DeliveryStatus.DEFERRED, "none", "t/o");
        f.at("+0s").accepted("I", "c", "192.0.2.1");
        f.at("+5h").accepted("Z", "c", "192.0.2.1");
        assertThat(f.transactions()).extracting(Transaction::queueId).containsExactly("I");
        f.at("+10h1m").accepted("Z2", "c", "192.0.2.1");
        assertThat(f.transactions()).extracting(Transaction::queueId).containsExactly("I", "Z", "D");
    }

    @Test
    void aHostsTimeGoingBackFarStartsANewTimeLine() {
        // the files of one host read newest first, or the same log twice: timeouts and emission go on
        Feed f = new Feed(TraceLimits.builder().idleTimeout(Duration.ofMinutes(30)).maxOpenTransactions(50).build(), false);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < 200; i++) {
                String q = "P" + pass + "Q" + i;
                f.at("+" + (i * 60) + "s").accepted(q, "c", "192.0.2.1").from(q, "a@x", 1, 1)
                        .at("+" + (i * 60 + 5) + "s").sent(q, "b@y", "y[192.0.2.2]:25", null).removed(q);
                f.at("+" + (i * 60 + 7) + "s").accepted("ABORTED" + pass + "-" + i, "c", "192.0.2.1");
            }
            assertThat(f.transactions()).as("pass " + pass + " emitted while reading").hasSizeGreaterThan(pass * 400 + 300);
        }
        f.finish();
        assertThat(f.transactions()).hasSize(800);
        assertThat(f.transactions().stream().filter(Transaction::complete)).hasSize(400);
        assertThat(f.agg.stats().evictedTransactions()).as("timeouts, not the cap, end the aborted ones").isZero();
        assertThat(f.agg.stats().clockResets()).isEqualTo(1);
    }

    @Test
    void aStrayLineFromLongAgoDoesNotResetTheClock() {
        Feed f = new Feed(TraceLimits.builder().idleTimeout(Duration.ofMinutes(30)).build(), false);
        f.at("+10h").accepted("OPEN", "c", "192.0.2.1")
                .at("+1h").ev(new Ev.Milter("OTHER", "warn", 1)) // misdated
                .at("+10h5m").removed("OPEN").at("+10h1m").attempt("OPEN", "late@y", DeliveryStatus.SENT, "y[192.0.2.2]:25", "ok")
                .finish();
        assertThat(f.tx("mx1", "OPEN").recipients()).hasSize(1);
        assertThat(f.tx("mx1", "OPEN").complete()).isTrue();
        assertThat(f.agg.stats().clockResets()).isZero();
    }

    @Test
    void newYearIsJustTimeMovingOn() {
        Feed f = new Feed(TraceLimits.builder().idleTimeout(Duration.ofMinutes(5)).build(), false);
        f.at("2025-12-31T23:59:58Z").accepted("Q1", "c", "192.0.2.1").from("Q1", "a@x", 1, 1)
                .at("2026-01-01T00:00:03Z").sent("Q1", "b@y", "y[192.0.2.2]:25", null).removed("Q1")
                .at("2026-01-01T00:10:00Z").accepted("Q2", "c", "192.0.2.1").finish();
        Transaction t = f.tx("mx1", "Q1");
        assertThat(t.complete()).isTrue();
        assertThat(Duration.between(t.start(), t.end())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void thousandsOfInterleavedTransactionsOnSeveralHosts() {
        Random rnd = new Random(42);
        String[] hosts = {"mx1", "mx2", "relay"};
        // the truth, then the lines of every transaction interleaved at random (order kept per transaction)
        List<List<Object[]>> scripts = new ArrayList<>();
        Map<String, String[]> truth = new HashMap<>();
        for (int i = 0; i < 6000; i++) {
            String host = hosts[i % 3];
            String q = String.format("%010X", i / 3); // the same ids on every host
            int n = 1 + rnd.nextInt(3);
            List<Object[]> s = new ArrayList<>();
            s.add(new Object[] {host, new Ev.Accepted(q, Ev.client("c" + i, "192.0.2." + (i % 250)), null, null, null)});
            s.add(new Object[] {host, new Ev.Identified(q, "m" + i + "@x")});
            s.add(new Object[] {host, new Ev.Sender(q, "s" + i + "@x", i, n)});
            String[] expected = new String[n + 1];
            expected[0] = "s" + i + "@x";
            for (int r = 0; r < n; r++) {
                String to = "r" + r + "-" + i + "@y";
                boolean deferFirst = rnd.nextInt(4) == 0;
                if (deferFirst) {
                    s.add(new Object[] {host, new Ev.Attempt(q, to, null, "none", 1, null, "4.4.1", DeliveryStatus.DEFERRED, "t/o", null)});
                }
                DeliveryStatus st = rnd.nextInt(5) == 0 ? DeliveryStatus.BOUNCED : DeliveryStatus.SENT;
                s.add(new Object[] {host, new Ev.Attempt(q, to, null, "y[192.0.2.1]:25", 1, null, "x", st, "r", null)});
                expected[r + 1] = to + "=" + st.label() + "/" + (deferFirst ? 2 : 1);
            }
            s.add(new Object[] {host, new Ev.Removed(q)});
            scripts.add(s);
            truth.put(host + "/" + q, expected);
        }
        Feed f = new Feed(TraceLimits.DEFAULTS, false);
        int[] pos = new int[scripts.size()];
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            live.add(i);
        }
        long second = 0;
        int window = 300; // about 300 transactions in flight at any time
        while (!live.isEmpty()) {
            int k = live.get(rnd.nextInt(Math.min(window, live.size())));
            Object[] line = scripts.get(k).get(pos[k]++);
            f.on((String) line[0]).at("+" + (second++ / 50) + "s").ev((dev.mailtrace.event.LogEvent) line[1]);
            if (pos[k] == scripts.get(k).size()) {
                live.remove(Integer.valueOf(k));
            }
        }
        f.finish();
        assertThat(f.transactions()).hasSize(6000).allMatch(Transaction::complete);
        for (Transaction t : f.transactions()) {
            String[] expected = truth.get(t.host() + "/" + t.queueId());
            assertThat(t.from()).isEqualTo(expected[0]);
            assertThat(t.recipients()).hasSize(expected.length - 1);
            for (int r = 1; r < expected.length; r++) {
                Recipient rc = t.recipients().get(r - 1);
                assertThat(rc.to() + "=" + rc.status().label() + "/" + rc.attempts().size()).isEqualTo(expected[r]);
            }
        }
        assertThat(f.agg.stats().peakOpenTransactions()).isLessThan(1000);
    }

    @Test
    void boundedByMaxOpenTransactionsWithEvictionsCounted() {
        Feed f = new Feed(TraceLimits.builder().maxOpenTransactions(100).build(), false);
        for (int i = 0; i < 1000; i++) {
            f.at("+" + i + "s").accepted("Q" + i, "c", "192.0.2.1");
            assertThat(f.agg.openTransactions()).isLessThanOrEqualTo(100);
        }
        f.finish();
        assertThat(f.transactions()).hasSize(1000);
        assertThat(f.agg.stats().evictedTransactions()).isEqualTo(900);
        assertThat(f.transactions().subList(0, 900)).allMatch(t -> t.closedBy() == ClosedBy.EVICTED && !t.complete());
        assertThat(f.transactions().get(0).queueId()).as("least recently active first").isEqualTo("Q0");
    }

    @Test
    void rejectsAreRecordsAndContentRejectsEndTheirTransaction() {
        Feed f = new Feed();
        f.at("+0s").ev(new Ev.Reject(null, Ev.client("unknown", "203.0.113.77"), "RCPT", 450, "4.7.1",
                "<dave@corp>: Recipient address rejected: Greylisted", "promo@shop", "dave@corp", "shop.example.com"));
        f.accepted("Q1", "c", "192.0.2.1")
                .ev(new Ev.Reject("Q1", Ev.client("c", "192.0.2.1"), "RCPT", 550, "5.1.1", "User unknown", "a@x", "nobody@y", "h"))
                .from("Q1", "a@x", 1, 1)
                .sent("Q1", "b@y", "y[192.0.2.2]:25", null).removed("Q1");
        f.accepted("Q2", "c", "192.0.2.1")
                .ev(new Ev.Reject("Q2", Ev.client("c", "192.0.2.1"), "END-OF-MESSAGE", 554, "5.7.1", "Blocked by milter", "a@x", "b@y", "h"));
        f.finish();
        assertThat(f.rejects()).hasSize(3);
        Reject grey = f.rejects().get(0);
        assertThat(grey.queueId()).isNull();
        assertThat(grey.reason()).isEqualTo(RejectReason.GREYLISTED);
        assertThat(grey.temporary()).isTrue();
        assertThat(grey.host()).isEqualTo("mx1");
        assertThat(grey.helo()).isEqualTo("shop.example.com");
        Transaction q1 = f.tx("mx1", "Q1");
        assertThat(q1.closedBy()).isEqualTo(ClosedBy.REMOVED);
        assertThat(q1.rejects()).extracting(Reject::to).containsExactly("nobody@y");
        Transaction q2 = f.tx("mx1", "Q2");
        assertThat(q2.closedBy()).isEqualTo(ClosedBy.REJECTED);
        assertThat(q2.complete()).isTrue();
    }

    @Test
    void tlsSessionsAttachToTheNextMessageOfTheSameProcessAndClient() {
        Feed f = new Feed();
        f.at("+0s").ev("postfix/smtpd", 2105, new Ev.Tls(Ev.client("mail.example.org", "198.51.100.23"), "TLSv1.3", "TLS_AES_256_GCM_SHA384", 256))
                .ev("postfix/smtpd", 2105, new Ev.Accepted("Q1", Ev.client("mail.example.org", "198.51.100.23"), "PLAIN", "alice", null))
                .ev("postfix/smtpd", 9999, new Ev.Accepted("Q2", Ev.client("mail.example.org", "198.51.100.23"), null, null, null))
                .ev("postfix/smtpd", 2105, new Ev.Accepted("Q3", Ev.client("other", "192.0.2.99"), null, null, null))
                .finish();
        Transaction q1 = f.tx("mx1", "Q1");
        assertThat(q1.tls()).isEqualTo(new TlsInfo("TLSv1.3", "TLS_AES_256_GCM_SHA384", 256));
        assertThat(q1.saslMethod()).isEqualTo("PLAIN");
        assertThat(q1.saslUsername()).isEqualTo("alice");
        assertThat(f.tx("mx1", "Q2").tls()).as("other process").isNull();
        assertThat(f.tx("mx1", "Q3").tls()).as("other client").isNull();
    }

    @Test
    void otherQueueEventsAreKeptAsActionsWithTheirFields() {
        Feed f = new Feed();
        f.at("+0s").accepted("Q1", "c", "192.0.2.1").ev(new Ev.Milter("Q1", "hold", 7))
                .ev(new Ev.Other("ignored")).finish();
        Action a = f.tx("mx1", "Q1").actions().get(0);
        assertThat(a.event()).isEqualTo("test/milter");
        assertThat(a.fields()).containsExactly(Map.entry("action", "hold"), Map.entry("score", 7L), Map.entry("final", true));
    }

    @Test
    void perTransactionLimitsDropAndCount() {
        Feed f = new Feed(TraceLimits.builder().maxRecipients(2).maxAttempts(3).maxActions(1).build(), false);
        f.at("+0s").accepted("Q1", "c", "192.0.2.1");
        for (int i = 0; i < 5; i++) {
            f.at("+" + i + "m").attempt("Q1", "r" + i + "@y", DeliveryStatus.DEFERRED, "none", "t/o");
            f.attempt("Q1", "r0@y", DeliveryStatus.DEFERRED, "none", "try " + i);
            f.ev(new Ev.Milter("Q1", "warn", i));
        }
        f.finish();
        Transaction t = f.tx("mx1", "Q1");
        assertThat(t.recipients()).hasSize(2);
        assertThat(t.recipient("r0@y").attempts()).hasSize(3);
        assertThat(t.recipient("r0@y").attempts().get(0).response()).as("the first is kept").isEqualTo("t/o");
        assertThat(t.recipient("r0@y").lastAttempt().response()).as("and the latest").isEqualTo("try 4");
        assertThat(t.actions()).hasSize(1);
        TraceStats s = f.agg.stats();
        assertThat(s.droppedRecipients()).isEqualTo(3);
        assertThat(s.droppedAttempts()).isEqualTo(3);
        assertThat(s.droppedActions()).isEqualTo(4);
    }

    @Test
    void limitsAreCheckedWithTheirNames() {
        assertThatThrownBy(() -> TraceLimits.builder().maxOpenTransactions(0))
                .hasMessage("limit [max_open_transactions] must be at least 1, got [0]");
        assertThatThrownBy(() -> TraceLimits.builder().idleTimeout(Duration.ZERO))
                .hasMessage("limit [idle_timeout] must be positive, got [PT0S]");
        assertThatThrownBy(() -> TraceAggregator.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventsWithoutTimeUseTheirHostsClock() {
        List<TraceRecord> out = new ArrayList<>();
        TraceAggregator agg = TraceAggregator.builder().listener(out::add).build();
        agg.accept("mx1", null, null, -1, new Ev.Accepted("Q0", null, null, null, null));
        agg.accept("mx1", Instant.parse("2026-01-01T00:00:00Z"), null, -1, new Ev.Accepted("Q1", null, null, null, null));
        agg.accept("mx1", null, null, -1, new Ev.Removed("Q1"));
        agg.finish();
        assertThat(agg.stats().untimedEvents()).isEqualTo(1);
        assertThat(out).hasSize(1);
        assertThat(((Transaction) out.get(0)).closedBy()).isEqualTo(ClosedBy.REMOVED);
    }
}
