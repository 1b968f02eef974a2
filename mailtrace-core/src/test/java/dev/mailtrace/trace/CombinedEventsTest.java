package dev.mailtrace.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.ImplicitCompletion;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.MessageIdentified;
import dev.mailtrace.event.MultiRecipientAttempt;

/** Lines that say several things at once, as sendmail's do, are applied whole. */
class CombinedEventsTest {

    /** sendmail's from= line: accepted, sender and message-id in one event. */
    record From(String queueId, Client client, String sender, long size, int recipientCount, String messageId)
            implements MessageAccepted, EnvelopeSender, MessageIdentified, ImplicitCompletion {
        @Override
        public int expectedRecipients() {
            return recipientCount;
        }

        @Override
        public EventType type() {
            return Ev.ACCEPTED;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }

        @Override
        public String saslUsername() {
            return null;
        }

        @Override
        public String saslMethod() {
            return null;
        }
    }

    /** sendmail's to=a,b line: one attempt for several recipients. */
    record To(String queueId, List<String> recipients, DeliveryStatus status, String queuedAs)
            implements MultiRecipientAttempt, ImplicitCompletion {
        @Override
        public int expectedRecipients() {
            return -1;
        }

        @Override
        public EventType type() {
            return Ev.ATTEMPT;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }

        @Override
        public String recipient() {
            return recipients.get(0);
        }

        @Override
        public String originalRecipient() {
            return null;
        }

        @Override
        public String relay() {
            return "mx.example.net [192.0.2.5]";
        }

        @Override
        public double delay() {
            return 1;
        }

        @Override
        public String dsn() {
            return "2.0.0";
        }

        @Override
        public String response() {
            return "Sent (Ok)";
        }
    }

    @Test
    void everyInterfaceOfAnEventIsApplied() {
        Feed f = new Feed().on("smtp").at("+0s")
                .ev(new From("pBFERI8l019936", new Client("bob.desktop", "10.10.10.10", -1), "bob@foo.com", 4127, 2,
                        "20111215142718.GD23530@smtp.foo.com"))
                .at("+1s").ev(new To("pBFERI8l019936", List.of("alice@bar.com", "carol@bar.com"), DeliveryStatus.SENT, null))
                .at("+2s").ev(new Ev.Removed("pBFERI8l019936"))
                .finish();
        Transaction t = f.transactions().get(0);
        assertThat(t.client().hostname()).isEqualTo("bob.desktop");
        assertThat(t.from()).isEqualTo("bob@foo.com");
        assertThat(t.size()).isEqualTo(4127);
        assertThat(t.nrcpt()).isEqualTo(2);
        assertThat(t.messageId()).isEqualTo("20111215142718.GD23530@smtp.foo.com");
        assertThat(t.recipients()).extracting(Recipient::to).containsExactly("alice@bar.com", "carol@bar.com");
        assertThat(t.recipients()).allSatisfy(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.SENT));
    }

    @Test
    void anMtaWithoutRemovalLinesCompletesWhenEveryAnnouncedRecipientIsFinal() {
        Client c = new Client("bob.desktop", "10.10.10.10", -1);
        Transaction done = new Feed().on("smtp").at("+0s").ev(new From("q1", c, "bob@foo.com", 10, 2, "m1@x"))
                .at("+1s").ev(new To("q1", List.of("alice@bar.com"), DeliveryStatus.SENT, null))
                .at("+2s").ev(new To("q1", List.of("carol@bar.com"), DeliveryStatus.BOUNCED, null))
                .finish().transactions().get(0);
        assertThat(done.complete()).isTrue();
        assertThat(done.closedBy()).isEqualTo(ClosedBy.COMPLETED);

        Transaction waiting = new Feed().on("smtp").at("+0s").ev(new From("q2", c, "bob@foo.com", 10, 2, "m2@x"))
                .at("+1s").ev(new To("q2", List.of("alice@bar.com"), DeliveryStatus.SENT, null))
                .finish().transactions().get(0);
        assertThat(waiting.complete()).as("one of two announced recipients seen").isFalse();

        Transaction deferred = new Feed().on("smtp").at("+0s").ev(new From("q3", c, "bob@foo.com", 10, 1, "m3@x"))
                .at("+1s").ev(new To("q3", List.of("alice@bar.com"), DeliveryStatus.DEFERRED, null))
                .finish().transactions().get(0);
        assertThat(deferred.complete()).as("a deferred recipient is not final").isFalse();
    }
}
