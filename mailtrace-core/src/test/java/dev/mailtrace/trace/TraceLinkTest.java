package dev.mailtrace.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.DeliveryStatus;

/** Links across hosts and message traces, on multi-host scenarios of synthetic events. */
class TraceLinkTest {

    private static final String MSGID = "20261124100401.GA1234@mail.example.org";
    private static final String AMAVIS = "127.0.0.1[127.0.0.1]:10024";
    private static final String MBOX = "mbox1.corp.example.net[10.1.0.20]:25";
    private static final String LMTP = "mbox1.corp.example.net[private/dovecot-lmtp]";

    /** The scenario of examples/logs/mail.log: mx1 → amavis → mx1 → mbox1 (LMTP), a bounce back to alice. */
    static void bundledScenario(Feed f) {
        f.on("mx1").at("+2s").accepted("4F9D195432C", "mail.example.org", "198.51.100.23").msgid("4F9D195432C", MSGID)
                .from("4F9D195432C", "alice@example.org", 4127, 2)
                .at("+3s").sent("4F9D195432C", "bob@corp.example.net", AMAVIS, "7A3C31A0F21")
                .sent("4F9D195432C", "carol@corp.example.net", AMAVIS, "7A3C31A0F21")
                .removed("4F9D195432C")
                .accepted("7A3C31A0F21", "localhost", "127.0.0.1").msgid("7A3C31A0F21", MSGID)
                .from("7A3C31A0F21", "alice@example.org", 4689, 2)
                .at("+4s").sent("7A3C31A0F21", "bob@corp.example.net", MBOX, "2B7E4C0A11")
                .sent("7A3C31A0F21", "carol@corp.example.net", MBOX, "2B7E4C0A11")
                .removed("7A3C31A0F21");
        f.on("mbox1").at("+4s").accepted("2B7E4C0A11", "mx1.corp.example.net", "10.1.0.10").msgid("2B7E4C0A11", MSGID)
                .from("2B7E4C0A11", "alice@example.org", 4890, 2)
                .sent("2B7E4C0A11", "bob@corp.example.net", LMTP, "kJ4xBzQ0Q2feDAAAYr8sdw")
                .attempt("2B7E4C0A11", "carol@corp.example.net", DeliveryStatus.BOUNCED, LMTP, "550 5.1.1 User doesn't exist")
                .msgid("5D1E9C0A15", "20261124100404.5D1E9C0A15@mbox1.corp.example.net")
                .ev(new Ev.Bounce("2B7E4C0A11", "5D1E9C0A15"))
                .from("5D1E9C0A15", "", 6981, 1)
                .removed("2B7E4C0A11")
                .at("+5s").sent("5D1E9C0A15", "alice@example.org", "mail.example.org[198.51.100.23]:25", "9C44E2D011")
                .removed("5D1E9C0A15");
        f.on("mx1").at("+72s").ev(new Ev.Reject(null, Ev.client("unknown", "203.0.113.77"), "RCPT", 450, "4.7.1",
                "Greylisted", "promo@shop.example.com", "dave@corp.example.net", "shop.example.com"));
    }

    @Test
    void theBundledScenarioLinksEveryHop() {
        Feed f = new Feed();
        bundledScenario(f);
        f.finish();
        Transaction first = f.tx("mx1", "4F9D195432C");
        assertThat(first.next()).containsExactly(new Link("mx1", "7A3C31A0F21", AMAVIS, Link.Kind.REINJECTION));
        assertThat(first.prev()).isNull();
        Transaction filtered = f.tx("mx1", "7A3C31A0F21");
        assertThat(filtered.prev()).isEqualTo(new Link("mx1", "4F9D195432C", AMAVIS, Link.Kind.REINJECTION));
        assertThat(filtered.next()).containsExactly(new Link("mbox1", "2B7E4C0A11", MBOX, Link.Kind.RELAY));
        Transaction mbox = f.tx("mbox1", "2B7E4C0A11");
        assertThat(mbox.prev()).isEqualTo(new Link("mx1", "7A3C31A0F21", MBOX, Link.Kind.RELAY));
        assertThat(mbox.next()).as("LMTP into the mailbox is a final hop").isEmpty();
        assertThat(mbox.bounces()).containsExactly(new Link("mbox1", "5D1E9C0A15", null, Link.Kind.BOUNCE));
        Transaction dsn = f.tx("mbox1", "5D1E9C0A15");
        assertThat(dsn.bounceOf()).isEqualTo(new Link("mbox1", "2B7E4C0A11", null, Link.Kind.BOUNCE));
        assertThat(dsn.next()).as("a relay outside the logs")
                .containsExactly(new Link(null, "9C44E2D011", "mail.example.org[198.51.100.23]:25", Link.Kind.RELAY));

        assertThat(f.messages()).hasSize(1);
        MessageTrace m = f.messages().get(0);
        assertThat(m.messageId()).isEqualTo(MSGID);
        assertThat(m.from()).isEqualTo("alice@example.org");
        assertThat(m.complete()).isTrue();
        assertThat(m.hops()).extracting(Hop::host, Hop::queueId, Hop::via).containsExactly(
                tuple("mx1", "4F9D195432C", null),
                tuple("mx1", "7A3C31A0F21", Link.Kind.REINJECTION),
                tuple("mbox1", "2B7E4C0A11", Link.Kind.RELAY));
        assertThat(m.recipients()).extracting(RecipientOutcome::to, RecipientOutcome::status, RecipientOutcome::host)
                .containsExactly(tuple("bob@corp.example.net", DeliveryStatus.SENT, "mbox1"),
                        tuple("carol@corp.example.net", DeliveryStatus.BOUNCED, "mbox1"));
        assertThat(m.bounces()).hasSize(1);
        MessageTrace bounce = m.bounces().get(0);
        assertThat(bounce.from()).isEmpty();
        assertThat(bounce.hops()).extracting(Hop::host, Hop::queueId).containsExactly(tuple("mbox1", "5D1E9C0A15"));
        assertThat(bounce.recipients()).extracting(RecipientOutcome::to, RecipientOutcome::status)
                .containsExactly(tuple("alice@example.org", DeliveryStatus.SENT));
        assertThat(f.rejects()).extracting(Reject::to).containsExactly("dave@corp.example.net");
        assertThat(f.agg.stats().links()).containsEntry(Link.Kind.RELAY, 1L).containsEntry(Link.Kind.REINJECTION, 1L);
    }

    @Test
    void linksDoNotDependOnWhichHostLogsFirst() {
        // mbox1 logs the next hop's start (and even its end) before mx1 logs the hand-off
        Feed f = new Feed();
        f.on("mx1").at("+0s").accepted("UP", "c", "198.51.100.1").msgid("UP", "m@x").from("UP", "a@x", 1, 1);
        f.on("mbox1").at("+1s").accepted("DOWN", "mx1.corp.example.net", "10.1.0.10").msgid("DOWN", "m@x")
                .from("DOWN", "a@x", 1, 1).sent("DOWN", "b@corp", LMTP, null).removed("DOWN");
        f.on("mx1").at("+0s").sent("UP", "b@corp", MBOX, "DOWN").removed("UP");
        f.on("mx1").at("+1m").finish();
        assertThat(f.tx("mx1", "UP").next()).containsExactly(new Link("mbox1", "DOWN", MBOX, Link.Kind.RELAY));
        assertThat(f.tx("mbox1", "DOWN").prev()).isEqualTo(new Link("mx1", "UP", MBOX, Link.Kind.RELAY));
        assertThat(f.messages()).hasSize(1);
        assertThat(f.messages().get(0).hops()).extracting(Hop::queueId).containsExactly("UP", "DOWN");
        assertThat(f.messages().get(0).recipients()).extracting(RecipientOutcome::host).containsExactly("mbox1");
    }

    @Test
    void theRelayNameChoosesAmongHostsWithTheSameQueueId() {
        Feed f = new Feed();
        f.on("mx1").at("+0s").accepted("UP", "c", "198.51.100.1");
        f.on("mbox2").accepted("SAMEID", "somewhere", "192.0.2.50");
        f.on("mbox1").accepted("SAMEID", "mx1.corp.example.net", "10.1.0.10");
        f.on("mx1").at("+1s").sent("UP", "b@corp", MBOX, "SAMEID").removed("UP");
        f.finish();
        assertThat(f.tx("mx1", "UP").next()).extracting(Link::host).containsExactly("mbox1");
        assertThat(f.tx("mbox1", "SAMEID").prev()).isNotNull();
        assertThat(f.tx("mbox2", "SAMEID").prev()).isNull();
    }

    @Test
    void aQueueIdOnTheSameHostIsNotTheNextHopOfARemoteRelay() {
        Feed f = new Feed();
        f.on("mx1").at("+0s").accepted("UP", "c", "198.51.100.1").accepted("DOWN", "c", "198.51.100.2")
                .sent("UP", "b@y", "mx.partner.example[192.0.2.99]:25", "DOWN").finish();
        assertThat(f.tx("mx1", "UP").next()).containsExactly(
                new Link(null, "DOWN", "mx.partner.example[192.0.2.99]:25", Link.Kind.RELAY));
        assertThat(f.tx("mx1", "DOWN").prev()).isNull();
        assertThat(f.agg.stats().unresolvedHandoffs()).isEqualTo(1);
    }

    @Test
    void handOffsFarApartInTimeAreNotLinked() {
        Feed f = new Feed(TraceLimits.builder().linkWindow(Duration.ofMinutes(10)).build(), false);
        f.on("mbox1").at("+0s").accepted("DOWN", "mx1", "10.1.0.10");
        f.on("mx1").at("+20m").accepted("UP", "c", "198.51.100.1").sent("UP", "b@corp", MBOX, "DOWN").finish();
        assertThat(f.tx("mx1", "UP").next()).extracting(Link::host).containsOnlyNulls();
    }

    @Test
    void messageIdJoinsHopsWhenNoHandOffWasLogged() {
        Feed f = new Feed();
        f.on("sm1").at("+0s").accepted("SMQ1", "desk", "10.10.10.10").msgid("SMQ1", "m1@x").from("SMQ1", "bob@foo", 10, 1)
                .at("+1s").sent("SMQ1", "alice@bar", "mx.bar.example[10.2.0.1]:25", null);
        f.on("mx").at("+1s").accepted("PFQ1", "sm1.foo", "10.1.0.5").msgid("PFQ1", "m1@x").from("PFQ1", "bob@foo", 10, 1)
                .at("+2s").sent("PFQ1", "alice@bar", LMTP, null).removed("PFQ1");
        f.on("sm1").at("+2s").removed("SMQ1");
        // the same Message-ID much later is another message (a re-send), not a hop
        f.on("mx").at("+2h").accepted("PFQ2", "sm1.foo", "10.1.0.5").msgid("PFQ2", "m1@x").removed("PFQ2");
        f.finish();
        assertThat(f.tx("mx", "PFQ1").prev()).isEqualTo(new Link("sm1", "SMQ1", null, Link.Kind.MESSAGE_ID));
        assertThat(f.tx("sm1", "SMQ1").next()).containsExactly(new Link("mx", "PFQ1", null, Link.Kind.MESSAGE_ID));
        assertThat(f.tx("mx", "PFQ2").prev()).isNull();
        List<MessageTrace> ms = f.messages();
        assertThat(ms).hasSize(2);
        assertThat(ms.get(0).hops()).extracting(Hop::queueId, Hop::via)
                .containsExactly(tuple("SMQ1", null), tuple("PFQ1", Link.Kind.MESSAGE_ID));
        assertThat(ms.get(0).recipients()).extracting(RecipientOutcome::host).containsExactly("mx");
    }

    @Test
    void theMessageIdFallbackNeverLinksToALaterOrDownstreamHop() {
        // mbox1's hop is still waiting for late lines (its host went quiet) when the first hop ends
        Feed f = new Feed();
        f.on("mx1").at("+0s").accepted("FIRST", "mail.example.org", "198.51.100.23").msgid("FIRST", "m@x");
        f.on("mbox1").at("+1s").accepted("LAST", "mx1.corp", "10.1.0.10").msgid("LAST", "m@x")
                .sent("LAST", "b@corp", "mbox1.corp[10.1.0.99]:25", null).removed("LAST");
        f.on("mx1").at("+1s").sent("FIRST", "b@corp", MBOX, "LAST").removed("FIRST");
        f.on("mx1").at("+1m").accepted("OTHER", "c", "198.51.100.1").finish();
        assertThat(f.tx("mx1", "FIRST").prev()).isNull();
        assertThat(f.tx("mbox1", "LAST").prev()).isEqualTo(new Link("mx1", "FIRST", MBOX, Link.Kind.RELAY));
        assertThat(f.tx("mbox1", "LAST").next()).isEmpty();
    }

    @Test
    void theMtaNamingThePreviousQueueIdLinksAReinjection() {
        Feed f = new Feed();
        f.at("+0s").accepted("A", "c", "198.51.100.1").sent("A", "b@y", "filter", null).removed("A")
                .ev(new Ev.Accepted("B", Ev.client("localhost", "127.0.0.1"), null, null, "A"))
                .sent("B", "b@y", "y[192.0.2.1]:25", null).removed("B").finish();
        assertThat(f.tx("mx1", "B").prev()).isEqualTo(new Link("mx1", "A", null, Link.Kind.REINJECTION));
        assertThat(f.messages()).hasSize(1);
        assertThat(f.messages().get(0).hops()).extracting(Hop::queueId).containsExactly("A", "B");
    }

    @Test
    void aMessageSplitOverTwoHostsEndsPerRecipientWhereItWent() {
        Feed f = new Feed();
        f.on("mx1").at("+0s").accepted("UP", "c", "198.51.100.1").msgid("UP", "s@x").from("UP", "a@x", 1, 3);
        f.on("mbox1").accepted("D1", "mx1", "10.1.0.10");
        f.on("mbox2").accepted("D2", "mx1", "10.1.0.10");
        f.on("mx1").at("+1s").sent("UP", "b@one", MBOX, "D1").sent("UP", "c@two", "mbox2.corp[10.1.0.21]:25", "D2")
                .attempt("UP", "d@three", DeliveryStatus.BOUNCED, "three[192.0.2.3]:25", "550 no").removed("UP");
        f.on("mbox1").at("+2s").sent("D1", "b@one", LMTP, null).removed("D1");
        f.on("mbox2").at("+2s").attempt("D2", "c@two", DeliveryStatus.DEFERRED, "local", "mailbox full");
        f.on("mbox2").at("+3s").removed("X").finish();
        MessageTrace m = f.messages().get(0);
        assertThat(m.hops()).extracting(Hop::host).containsExactly("mx1", "mbox1", "mbox2");
        assertThat(m.recipients()).extracting(RecipientOutcome::to, RecipientOutcome::status, RecipientOutcome::host)
                .containsExactlyInAnyOrder(tuple("b@one", DeliveryStatus.SENT, "mbox1"),
                        tuple("c@two", DeliveryStatus.DEFERRED, "mbox2"),
                        tuple("d@three", DeliveryStatus.BOUNCED, "mx1"));
        assertThat(m.complete()).as("mbox2 never removed D2").isFalse();
    }

    @Test
    void aRecipientRewrittenOnTheNextHopFollowsItsOriginalAddress() {
        Feed f = new Feed();
        f.on("mx1").at("+0s").accepted("UP", "c", "198.51.100.1").sent("UP", "team@corp", MBOX, "D").removed("UP");
        f.on("mbox1").at("+0s").accepted("D", "mx1", "10.1.0.10")
                .ev(new Ev.Attempt("D", "ann@corp", "team@corp", LMTP, 0.1, null, "2.0.0", DeliveryStatus.SENT, "ok", null))
                .ev(new Ev.Attempt("D", "ben@corp", "team@corp", LMTP, 0.1, null, "5.2.2", DeliveryStatus.BOUNCED, "full", null))
                .removed("D").finish();
        MessageTrace m = f.messages().get(0);
        assertThat(m.recipients()).extracting(RecipientOutcome::to, RecipientOutcome::status)
                .containsExactly(tuple("ann@corp", DeliveryStatus.SENT), tuple("ben@corp", DeliveryStatus.BOUNCED));
    }

    @Test
    void aMessageWaitsForItsReorderWindowAndForHandOffsToHostsInTheLogs() {
        Feed f = new Feed(TraceLimits.builder().reorderWindow(Duration.ofSeconds(5)).linkWindow(Duration.ofMinutes(2)).build(), true);
        f.on("mbox1").at("+0s").accepted("OLD", "x", "10.9.9.9").removed("OLD"); // makes mbox1 a known host
        f.on("mx1").at("+0s").accepted("UP", "c", "198.51.100.1").sent("UP", "b@corp", MBOX, "LATE").removed("UP");
        f.on("mbox1").at("+10s").accepted("TICK1", "x", "10.9.9.9").removed("TICK1");
        f.on("mx1").at("+30s").accepted("TICK2", "c", "198.51.100.1").removed("TICK2");
        // OLD is out after its 5 s; UP waits for its next hop on mbox1, a host in the logs
        assertThat(f.messages()).extracting(m -> m.hops().get(0).queueId()).containsExactly("OLD");
        f.on("mbox1").at("+40s").accepted("LATE", "mx1", "10.1.0.10").sent("LATE", "b@corp", LMTP, null).removed("LATE");
        f.on("mx1").at("+5m").finish();
        MessageTrace m = f.messages().stream().filter(x -> x.hops().get(0).queueId().equals("UP")).findFirst().orElseThrow();
        assertThat(m.hops()).extracting(Hop::queueId).containsExactly("UP", "LATE");
        assertThat(f.agg.stats().lateLinks()).isEqualTo(1);
        assertThat(f.tx("mbox1", "LATE").prev()).isEqualTo(new Link("mx1", "UP", MBOX, Link.Kind.RELAY));
    }

    @Test
    void withoutMessagesNothingIsKeptAfterATransactionEnds() {
        Feed f = new Feed(TraceLimits.builder().reorderWindow(Duration.ZERO).build(), false);
        for (int i = 0; i < 1000; i++) {
            f.at("+" + i + "s").accepted("Q" + i, "c", "198.51.100.1").sent("Q" + i, "b@y", MBOX, "N" + i).removed("Q" + i);
        }
        f.at("+2h").accepted("LAST", "c", "198.51.100.1");
        assertThat(f.transactions()).hasSize(1000);
        assertThat(f.messages()).isEmpty();
        f.finish();
    }
}
