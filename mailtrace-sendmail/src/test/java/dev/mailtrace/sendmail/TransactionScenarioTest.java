package dev.mailtrace.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.BounceCreated;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.ImplicitCompletion;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.MessageExpired;
import dev.mailtrace.event.MessageIdentified;
import dev.mailtrace.event.MessageRemoved;
import dev.mailtrace.event.MultiRecipientAttempt;
import dev.mailtrace.event.QueueEvent;
import dev.mailtrace.event.RecipientAttempt;
import dev.mailtrace.event.Rejection;
import dev.mailtrace.testkit.TestLine;

/**
 * Sendmail's transactions through the generic interfaces only, as the aggregator sees them: a
 * small reference implementation of the completion rule documented on {@link ImplicitCompletion}
 * runs over realistic line sequences (several recipients per attempt, deferred then sent, bounce
 * with DSN, refused envelope, expiry, explicit {@code done}, hand-off to a postfix MX).
 */
class TransactionScenarioTest {

    /** What an aggregator keeps of one (host, queue id), read through the generic interfaces. */
    static final class Tx {
        String sender;
        String messageId;
        int expected = -1;
        boolean implicit;
        boolean removed;
        final Map<String, DeliveryStatus> recipients = new LinkedHashMap<>();
        final Map<String, String> queuedAs = new HashMap<>();
        final List<String> bounces = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();

        boolean complete() {
            if (removed) {
                return true;
            }
            if (!implicit) {
                return false;
            }
            int need = expected >= 0 ? expected : 1;
            return recipients.size() >= need && recipients.values().stream().allMatch(DeliveryStatus::isFinal);
        }
    }

    private final SendmailDialect dialect = new SendmailDialect();
    private final Map<String, Tx> txs = new HashMap<>();

    private Tx feed(String message) {
        List<LogEvent> events = new ArrayList<>();
        assertThat(dialect.parse(TestLine.of("sm-mta", message), events::add)).as(message).isTrue();
        LogEvent e = events.get(0);
        String qid = e instanceof QueueEvent q ? q.queueId() : e instanceof Rejection r ? r.queueId() : null;
        if (qid == null) {
            return null;
        }
        Tx t = txs.computeIfAbsent(qid, k -> new Tx());
        if (e instanceof ImplicitCompletion c) {
            t.implicit = true;
            t.expected = Math.max(t.expected, c.expectedRecipients());
        }
        if (e instanceof MessageAccepted) {
            t.sender = ((EnvelopeSender) e).sender();
        }
        if (e instanceof MessageIdentified m) {
            t.messageId = m.messageId();
        }
        if (e instanceof RecipientAttempt a) {
            List<String> rcpts = e instanceof MultiRecipientAttempt m ? m.recipients() : List.of(a.recipient());
            for (String r : rcpts) {
                t.recipients.put(r, a.status());
                if (a.queuedAs() != null) {
                    t.queuedAs.put(r, a.queuedAs());
                }
            }
        }
        if (e instanceof MessageExpired) {
            t.recipients.replaceAll((r, s) -> s == DeliveryStatus.DEFERRED ? DeliveryStatus.EXPIRED : s);
        }
        if (e instanceof BounceCreated b) {
            t.bounces.add(b.bounceQueueId());
        }
        if (e instanceof MessageRemoved) {
            t.removed = true;
        }
        if (e instanceof Rejection r) {
            t.rejections.add(r);
        }
        return t;
    }

    @Test
    void severalRecipientsDeferredThenSentAndHandedToPostfix() {
        Tx t = feed("pBFERI8l019936: from=<bob@foo.example>, size=2240, class=0, nrcpts=3, "
                + "msgid=<20111215142718.GD23530@smtp.foo.example>, proto=ESMTP, daemon=MTA, relay=bob.desktop [10.10.10.10]");
        assertThat(t.complete()).isFalse();
        feed("pBFERI8l019936: to=<alice@bar.example>,<carol@bar.example>, delay=00:00:01, xdelay=00:00:01, "
                + "mailer=esmtp, pri=122240, relay=smtp.bar.example. [192.0.2.25], dsn=2.0.0, stat=Sent (Ok: queued as 5298B228B8B)");
        assertThat(t.complete()).as("2 of 3 recipients").isFalse();
        feed("pBFERI8l019936: to=<dave@slow.example>, delay=00:00:31, xdelay=00:00:30, mailer=esmtp, pri=122240, "
                + "relay=mx.slow.example., dsn=4.0.0, stat=Deferred: Connection timed out with mx.slow.example.");
        assertThat(t.complete()).as("one recipient deferred").isFalse();
        feed("pBFERI8l019936: to=<dave@slow.example>, delay=04:00:02, xdelay=00:00:01, mailer=esmtp, pri=212240, "
                + "relay=mx.slow.example. [198.51.100.3], dsn=2.0.0, stat=Sent (Ok: queued as 4dFwzS0zFVz3xHS)");
        assertThat(t.complete()).isTrue();
        assertThat(t.sender).isEqualTo("bob@foo.example");
        assertThat(t.messageId).isEqualTo("20111215142718.GD23530@smtp.foo.example");
        assertThat(t.recipients).containsOnlyKeys("alice@bar.example", "carol@bar.example", "dave@slow.example")
                .allSatisfy((r, s) -> assertThat(s).isEqualTo(DeliveryStatus.SENT));
        assertThat(t.queuedAs).containsEntry("alice@bar.example", "5298B228B8B")
                .containsEntry("carol@bar.example", "5298B228B8B").containsEntry("dave@slow.example", "4dFwzS0zFVz3xHS");
    }

    @Test
    void bounceCompletesAndItsDsnFollowsWithinTheGracePeriod() {
        Tx t = feed("pBFERI8l019940: from=<bob@foo.example>, size=447, class=0, nrcpts=1, msgid=<x@foo.example>, "
                + "proto=ESMTP, daemon=MTA, relay=bob.desktop [10.10.10.10]");
        feed("pBFERI8l019940: to=<nobody@foo.example>, delay=00:00:00, xdelay=00:00:00, mailer=local, pri=30447, "
                + "dsn=5.1.1, stat=User unknown");
        assertThat(t.complete()).isTrue();
        assertThat(t.recipients).containsEntry("nobody@foo.example", DeliveryStatus.BOUNCED);
        feed("pBFERI8l019940: pBFERI8m019940: DSN: User unknown");
        assertThat(t.bounces).containsExactly("pBFERI8m019940");
        // the DSN's own transaction has no from= line: one final recipient completes it
        Tx dsn = feed("pBFERI8m019940: to=<bob@foo.example>, delay=00:00:00, xdelay=00:00:00, mailer=local, "
                + "pri=31471, dsn=2.0.0, stat=Sent");
        assertThat(dsn.complete()).isTrue();
    }

    @Test
    void anEnvelopeWhoseRecipientsWereAllRefusedIsCompleteAtOnceWithItsRejections() {
        Tx t = feed("s1REn1un088377: ruleset=check_rcpt, arg1=<no-user@example.com>, relay=[192.0.2.74], "
                + "reject=550 5.1.1 <no-user@example.com>... User unknown");
        assertThat(t.complete()).as("a rejection alone starts nothing").isFalse();
        feed("s1REn1un088377: from=<spammer@example.net>, size=0, class=0, nrcpts=0, proto=ESMTP, daemon=MTA, "
                + "relay=[192.0.2.74]");
        assertThat(t.complete()).isTrue();
        assertThat(t.recipients).isEmpty();
        assertThat(t.rejections).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("no-user@example.com");
            assertThat(r.client().ip()).isEqualTo("192.0.2.74");
        });
    }

    @Test
    void expiryEndsTheDeferredRecipients() {
        Tx t = feed("s1NLaDQT022248: from=<a@example.org>, size=100, class=0, nrcpts=2, msgid=<m@example.org>, "
                + "proto=ESMTP, daemon=MTA, relay=[192.0.2.1]");
        feed("s1NLaDQT022248: to=<b@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, "
                + "relay=mx.example.net. [192.0.2.9], dsn=2.0.0, stat=Sent (ok)");
        feed("s1NLaDQT022248: to=<c@down.example>, delay=4+23:00:00, xdelay=00:00:30, mailer=esmtp, pri=9000000, "
                + "relay=mx.down.example., dsn=4.0.0, stat=Deferred: Connection refused by mx.down.example.");
        assertThat(t.complete()).isFalse();
        feed("s1NLaDQT022248: s1S0aDQT004711: DSN: Cannot send message for 5 days");
        assertThat(t.complete()).isTrue();
        assertThat(t.recipients).containsEntry("c@down.example", DeliveryStatus.EXPIRED)
                .containsEntry("b@example.net", DeliveryStatus.SENT);
    }

    @Test
    void doneEndsExplicitly() {
        Tx t = feed("u31FFPtp032300: from=<a@example.org>, size=100, class=0, nrcpts=5, relay=[192.0.2.1]");
        feed("u31FFPtp032300: to=<b@example.net>, delay=00:00:01, mailer=esmtp, pri=1, dsn=2.0.0, stat=Sent (ok)");
        assertThat(t.complete()).isFalse();
        feed("u31FFPtp032300: done; delay=00:00:02, ntries=1");
        assertThat(t.complete()).isTrue();
    }

    @Test
    void theSubmissionProgramHandsOffToTheDaemonOnTheSameHost() {
        Tx msp = feed("u31FFIAj012911: from=root, size=343, class=0, nrcpts=1, msgid=<201604011515.u31FFIAj012911@host>, "
                + "relay=root@localhost");
        feed("u31FFIAj012911: to=root, ctladdr=root (0/0), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=30343, "
                + "relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, stat=Sent (u31FFIAk012912 Message accepted for delivery)");
        assertThat(msp.complete()).isTrue();
        assertThat(msp.queuedAs).containsEntry("root", "u31FFIAk012912");
        Tx mta = feed("u31FFIAk012912: from=<root@host.example.com>, size=612, class=0, nrcpts=1, "
                + "msgid=<201604011515.u31FFIAj012911@host>, proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]");
        assertThat(mta.messageId).isEqualTo(msp.messageId);
        assertThat(mta.sender).isEqualTo("root@host.example.com");
    }
}
