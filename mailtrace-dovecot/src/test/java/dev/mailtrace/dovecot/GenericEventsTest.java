package dev.mailtrace.dovecot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.FilterVerdict.Disposition;
import dev.mailtrace.event.FilterVerdict;
import dev.mailtrace.event.MailboxDelivery;
import dev.mailtrace.testkit.DialectTester;

/**
 * What the transaction aggregator reads: the generic {@link FilterVerdict} and
 * {@link MailboxDelivery} views of these dialects' events, beyond their written fields.
 */
class GenericEventsTest {

    private static FilterVerdict verdict(DialectTester tester, String tag, String line) {
        return (FilterVerdict) tester.line(tag, line).isA(FilterVerdict.class).event();
    }

    private static MailboxDelivery delivery(String tag, String line) {
        return (MailboxDelivery) DialectTester.of(new DovecotDialect()).line(tag, line).isA(MailboxDelivery.class).event();
    }

    @Test
    void amavisLinksThePreFilterQueueIdToThePostFilterOnes() {
        DialectTester t = DialectTester.of(new AmavisDialect());
        FilterVerdict v = verdict(t, "amavis[1]", "(1-01) Passed SPAM {RelayedTaggedInbound}, [192.0.2.1]:1 [192.0.2.1] "
                + "<a@example.org> -> <b@example.net>,<c@example.net>, Queue-ID: 4F9D195432C, Message-ID: <m1@example.org>, "
                + "mail_id: x, Hits: 7.5, size: 10, queued_as: 6F1E2D3C4B/7F1E2D3C4C, 9 ms");
        assertThat(v.filter()).isEqualTo("amavis");
        assertThat(v.queueId()).isEqualTo("4F9D195432C");
        assertThat(v.queuedAs()).containsExactly("6F1E2D3C4B", "7F1E2D3C4C");
        assertThat(v.verdict()).isEqualTo("spam");
        assertThat(v.disposition()).isEqualTo(Disposition.PASSED);
        assertThat(v.score()).isEqualTo(7.5);
        assertThat(v.delay()).isNaN();
        assertThat(v.messageId()).isEqualTo("m1@example.org");
        assertThat(v.sender()).isEqualTo("a@example.org");
        assertThat(v.recipients()).containsExactly("b@example.net", "c@example.net");

        FilterVerdict blocked = verdict(t, "amavis[1]", "(1-02) Blocked SPAM {DiscardedInbound}, [192.0.2.1]:1 "
                + "[192.0.2.1] <> -> <b@example.net>, Queue-ID: 4F9D195432C, Hits: 30, size: 10, 9 ms");
        assertThat(blocked.disposition()).isEqualTo(Disposition.BLOCKED);
        assertThat(blocked.queuedAs()).isEmpty();
        assertThat(blocked.sender()).isEmpty();

        FilterVerdict replyOnly = verdict(t, "amavis[1]", "(1-03) Passed CLEAN {RelayedInbound}, [192.0.2.1]:1 "
                + "[192.0.2.1] <a@example.org> -> <b@example.net>, Queue-ID: 4F9D195432C, Hits: 0, size: 1, "
                + "queued_as: 250 2.0.0 Ok, 3 ms");
        assertThat(replyOnly.queuedAs()).as("a reply without an id is no link").isEmpty();
    }

    @Test
    void mailScannerRequeueIsTheLinkAndSpamActionsCanBlock() {
        DialectTester t = DialectTester.of(new MailScannerDialect());
        FilterVerdict requeue = verdict(t, "MailScanner[1]", "Requeue: 4F9D195432C.A1B2C to 7A3C31A0F21");
        assertThat(requeue.queueId()).isEqualTo("4F9D195432C");
        assertThat(requeue.queuedAs()).containsExactly("7A3C31A0F21");
        assertThat(verdict(t, "MailScanner[1]", "Spam Actions: message 4F9D195432C.A1B2C actions are delete")
                .disposition()).isEqualTo(Disposition.BLOCKED);
        assertThat(verdict(t, "MailScanner[1]", "Spam Actions: message 4F9D195432C.A1B2C actions are forward x@y,store")
                .disposition()).isEqualTo(Disposition.PASSED);
        FilterVerdict spam = verdict(t, "MailScanner[1]", "Message 4F9D195432C.A1B2C from 192.0.2.1 (a@example.org) "
                + "to example.net is spam, SpamAssassin (not cached, score=9.5, required 5)");
        assertThat(spam.score()).isEqualTo(9.5);
        assertThat(spam.sender()).isEqualTo("a@example.org");
    }

    @Test
    void greylistingDelaysWithItsDelayAndOftenWithoutQueueId() {
        DialectTester t = DialectTester.of(new GreylistDialect());
        FilterVerdict v = verdict(t, "milter-greylist", "(unknown id): addr mx.example.org[192.0.2.1] from <a@example.org> "
                + "to <b@example.net> delayed for 00:05:00 (ACL 3)");
        assertThat(v.queueId()).isNull();
        assertThat(v.disposition()).isEqualTo(Disposition.DELAYED);
        assertThat(v.delay()).isEqualTo(300.0);
        assertThat(v.recipients()).containsExactly("b@example.net");
        assertThat(v.filter()).isEqualTo("milter_greylist");
    }

    @Test
    void opendkimVerdictsAttachToTheQueueId() {
        DialectTester t = DialectTester.of(new OpendkimDialect());
        FilterVerdict v = verdict(t, "opendkim[1]", "4F9D195432C: DKIM-Signature field added (s=mail, d=example.org)");
        assertThat(v.queueId()).isEqualTo("4F9D195432C");
        assertThat(v.verdict()).isEqualTo("signed");
        assertThat(v.queuedAs()).isEmpty();
        assertThat(verdict(t, "opendkim[1]", "4F9D195432C: bad signature data").verdict()).isEqualTo("fail");
    }

    @Test
    void lmtpDeliveriesCloseTheTraceWithTheSessionTheMtaSaw() {
        MailboxDelivery d = delivery("dovecot", "lmtp(bob@example.org)<4242><Bp6VKJkD2l+LBQAAh/fGkg>: "
                + "msgid=<a1@example.org>: saved mail to INBOX");
        assertThat(d.messageId()).isEqualTo("a1@example.org");
        assertThat(d.recipient()).isEqualTo("bob@example.org");
        assertThat(d.mailbox()).isEqualTo("INBOX");
        assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(d.sessionId()).isEqualTo("Bp6VKJkD2l+LBQAAh/fGkg");
        assertThat(d.forwardedTo()).isNull();
        assertThat(d.reason()).isNull();

        assertThat(delivery("dovecot", "lmtp(b)<1><s>: sieve: msgid=<a1@example.org>: forwarded to <c@example.net>")
                .forwardedTo()).isEqualTo("c@example.net");
        assertThat(delivery("dovecot", "lmtp(b)<1><s>: sieve: msgid=<a1@example.org>: Marked message to be discarded "
                + "if not explicitly delivered (discard action)").status()).isEqualTo(DeliveryStatus.DISCARDED);
        MailboxDelivery failed = delivery("dovecot", "lmtp(b)<1><s>: msgid=<a1@example.org>: save failed to INBOX: "
                + "Quota exceeded (mailbox for user is full)");
        assertThat(failed.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(failed.status().isFinal()).isFalse();
        assertThat(failed.reason()).isEqualTo("Quota exceeded (mailbox for user is full)");
        assertThat(delivery("dovecot", "lmtp(b)<1><s>: msgid=unspecified: saved mail to INBOX").messageId()).isNull();
    }

    @Test
    void logoutCountersAreReadableByName() {
        Logout l = (Logout) DialectTester.of(new DovecotDialect()).line("dovecot",
                "pop3(bob): Disconnected: Logged out top=0/0, retr=1/2210, del=1/2210, size=2193").event();
        assertThat(l.counter("retr_bytes")).isEqualTo(2210);
        assertThat(l.counter("bytes_in")).isEqualTo(-1);
        assertThat(List.of(Logout.COUNTERS)).contains("retr_count", "size");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> l.counter("nope"))
                .hasMessageContaining("unknown counter [nope]").hasMessageContaining("retr_bytes");
    }
}
