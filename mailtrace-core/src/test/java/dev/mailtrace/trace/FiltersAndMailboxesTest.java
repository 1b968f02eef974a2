package dev.mailtrace.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;
import dev.mailtrace.event.MailboxDelivery;

/**
 * {@link FilterVerdict}s join the transaction whose queue id they name (and link a re-injection);
 * {@link MailboxDelivery}s join the transaction that handed the message to the mailbox server and
 * end its recipient's way in the message trace.
 */
class FiltersAndMailboxesTest {

    record Verdict(String queueId, String verdict, Disposition disposition, double score, List<String> queuedAs)
            implements FilterVerdict {
        @Override
        public EventType type() {
            return Ev.type("verdict");
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    record Stored(String messageId, String recipient, String mailbox, DeliveryStatus status, String sessionId)
            implements MailboxDelivery {
        @Override
        public String forwardedTo() {
            return null;
        }

        @Override
        public String reason() {
            return null;
        }

        @Override
        public EventType type() {
            return Ev.type("stored");
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("user", recipient);
        }
    }

    /** mx1 takes Q1 from a client, amavis hands it back as Q2, LMTP delivers bob and carol. */
    static Feed filtered(Feed f) {
        f.at("+0s").accepted("Q1", "out.example", "192.0.2.7").msgid("Q1", "m1@x").from("Q1", "alice@x", 100, 2)
                .at("+1s").accepted("Q2", "localhost", "127.0.0.1").msgid("Q2", "m1@x").from("Q2", "alice@x", 120, 2)
                .ev(new Verdict("Q1", "spam", FilterVerdict.Disposition.PASSED, 7.5, List.of("Q2")))
                .sent("Q1", "bob@corp", "127.0.0.1[127.0.0.1]:10024", null)
                .sent("Q1", "carol@corp", "127.0.0.1[127.0.0.1]:10024", null)
                .removed("Q1");
        return f;
    }

    @Test
    void aVerdictJoinsItsTransactionAndLinksTheReinjection() {
        Feed f = filtered(new Feed()).at("+2s").sent("Q2", "bob@corp", "out[192.0.2.99]:25", null)
                .sent("Q2", "carol@corp", "out[192.0.2.99]:25", null).removed("Q2")
                .ev(new Verdict(null, "greylisted", FilterVerdict.Disposition.DELAYED, Double.NaN, List.of()))
                .finish();
        Transaction q1 = f.tx("mx1", "Q1");
        assertThat(q1.filters()).singleElement().satisfies(v -> {
            assertThat(v.filter()).isEqualTo("test");
            assertThat(v.verdict()).isEqualTo("spam");
            assertThat(v.score()).isEqualTo(7.5);
            assertThat(v.queuedAs()).containsExactly("Q2");
        });
        assertThat(q1.next()).extracting(Link::queueId, Link::via).containsExactly(org.assertj.core.groups.Tuple.tuple("Q2",
                Link.Kind.REINJECTION));
        assertThat(f.tx("mx1", "Q2").prev().queueId()).isEqualTo("Q1");
        assertThat(f.tx("mx1", "Q2").filters()).isEmpty();
        assertThat(f.messages()).singleElement().satisfies(m -> assertThat(m.hops()).hasSize(2));
        assertThat(f.agg.stats().unattachedVerdicts()).isEqualTo(1);
    }

    @Test
    void aFilterThatBlocksEndsTheRecipientsItNamesThere() {
        Feed f = new Feed().at("+0s").accepted("Q1", "out.example", "192.0.2.7").msgid("Q1", "v@x").from("Q1", "a@x", 100, 2)
                .sent("Q1", "bob@corp", "127.0.0.1[127.0.0.1]:10024", null)
                .sent("Q1", "carol@corp", "127.0.0.1[127.0.0.1]:10024", null)
                .ev(new Blocked("Q1", List.of("Bob@corp")))
                .removed("Q1").finish();
        assertThat(f.messages()).singleElement().satisfies(m -> assertThat(m.recipients())
                .extracting(RecipientOutcome::to, RecipientOutcome::status, RecipientOutcome::response)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob@corp", DeliveryStatus.DISCARDED, "blocked by test (infected)"),
                        org.assertj.core.groups.Tuple.tuple("carol@corp", DeliveryStatus.SENT, "250 2.0.0 Ok")));
        // the transaction keeps what the MTA logged
        assertThat(f.tx("mx1", "Q1").recipient("bob@corp").status()).isEqualTo(DeliveryStatus.SENT);
    }

    record Blocked(String queueId, List<String> recipients) implements FilterVerdict {
        @Override
        public String verdict() {
            return "infected";
        }

        @Override
        public Disposition disposition() {
            return Disposition.BLOCKED;
        }

        @Override
        public EventType type() {
            return Ev.type("blocked");
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    @Test
    void deliveriesLoggedBeforeTheLmtpReplyJoinByMessageIdAndEndTheRecipients() {
        Feed f = filtered(new Feed()).at("+2s")
                .ev(new Stored("m1@x", "bob@corp", "INBOX", DeliveryStatus.SENT, "S1"))
                .ev(new Stored("m1@x", "carol", null, DeliveryStatus.DISCARDED, "S1:R2"))
                .sent("Q2", "bob@corp", "mx1[private/dovecot-lmtp]", "S1")
                .sent("Q2", "carol@corp", "mx1[private/dovecot-lmtp]", "S1:R2")
                .removed("Q2").finish();
        Transaction q2 = f.tx("mx1", "Q2");
        assertThat(q2.deliveries()).extracting(MailboxResult::to, MailboxResult::mailbox, MailboxResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob@corp", "INBOX", DeliveryStatus.SENT),
                        org.assertj.core.groups.Tuple.tuple("carol@corp", null, DeliveryStatus.DISCARDED));
        assertThat(f.tx("mx1", "Q1").deliveries()).isEmpty();
        MessageTrace m = f.messages().get(0);
        assertThat(m.recipients()).extracting(RecipientOutcome::to, RecipientOutcome::status, RecipientOutcome::mailbox)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("bob@corp", DeliveryStatus.SENT, "INBOX"),
                        org.assertj.core.groups.Tuple.tuple("carol@corp", DeliveryStatus.DISCARDED, null));
        assertThat(f.agg.stats().deliveries()).isEqualTo(2);
    }

    @Test
    void withoutMessageIdTheSessionIdJoinsBeforeOrAfterTheReply() throws IOException {
        // bob's delivery comes before the reply naming its session (it waits), carol's after it
        List<TraceRecord> one = run(Integer.MAX_VALUE);
        Transaction q2 = one.stream().filter(r -> r instanceof Transaction t && t.queueId().equals("Q2"))
                .map(r -> (Transaction) r).findFirst().orElseThrow();
        assertThat(q2.deliveries()).extracting(MailboxResult::to, MailboxResult::mailbox)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob@corp", "INBOX"),
                        org.assertj.core.groups.Tuple.tuple("carol@corp", "Junk"));
        // and the same when the run is cut while bob's delivery waits
        for (int cut = 0; cut <= 7; cut++) {
            assertThat(run(cut)).as("cut before event %d", cut).isEqualTo(one);
        }
    }

    /** The session-only scenario, the run ended and restored from its state before step {@code cut}. */
    private static List<TraceRecord> run(int cut) throws IOException {
        Feed f = new Feed();
        List<Runnable> steps = List.of(
                () -> f.at("+0s").accepted("Q2", "mx0", "10.0.0.1"),
                () -> f.from("Q2", "alice@x", 120, 2),
                () -> f.at("+1s").ev(new Stored(null, "bob", "INBOX", DeliveryStatus.SENT, "S1")),
                () -> f.sent("Q2", "bob@corp", "mx1[private/dovecot-lmtp]", "S1"),
                () -> f.sent("Q2", "carol@corp", "mx1[private/dovecot-lmtp]", "S1:R2"),
                () -> f.ev(new Stored(null, "carol", "Junk", DeliveryStatus.SENT, "S1:R2")),
                () -> f.removed("Q2"));
        for (int i = 0; i < steps.size(); i++) {
            if (i == cut) {
                f.restart();
            }
            steps.get(i).run();
        }
        f.finish();
        return f.records;
    }
}
