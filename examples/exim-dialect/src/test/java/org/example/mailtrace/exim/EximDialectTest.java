package org.example.mailtrace.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.testkit.DialectTester;

class EximDialectTest {

    /** The line through the test kit: exact, embedded in a larger buffer and framed, fields checked against their declaration. */
    private static List<LogEvent> parse(String message) {
        return DialectTester.of(new EximDialect()).line("exim[4100]", message).events();
    }

    @Test
    void arrival() {
        assertThat(parse("1rAbCd-000123-AB <= alice@example.org H=mail.example.org (helo.example.org)"
                + " [198.51.100.23]:52114 P=esmtps S=4127 id=abc@example.org A=plain:alice"))
                .containsExactly(new EximEvents.Arrival("1rAbCd-000123-AB", "alice@example.org",
                        new Client("mail.example.org", "198.51.100.23", 52114), "helo.example.org", "esmtps", 4127,
                        "abc@example.org", "plain:alice"));
        EximEvents.Arrival bounce = (EximEvents.Arrival) parse("1rAbCd-000124-AB <= <> R=1rAbCd-000123-AB U=Debian-exim P=local S=1900").get(0);
        assertThat(bounce.sender()).isEmpty();
        assertThat(bounce.client()).isNull();
    }

    @Test
    void deliveriesFailuresAndDeferrals() {
        EximEvents.Delivery sent = (EximEvents.Delivery) parse("1rAbCd-000123-AB => bob <bob@corp.example.net>"
                + " R=dnslookup T=remote_smtp H=mx1.corp.example.net [10.1.0.10]:25 C=\"250 2.0.0 Ok: queued as 4F9D195432C\"").get(0);
        assertThat(sent.recipient()).isEqualTo("bob");
        assertThat(sent.originalRecipient()).isEqualTo("bob@corp.example.net");
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.relay()).isEqualTo("mx1.corp.example.net [10.1.0.10]:25");
        assertThat(sent.queuedAs()).isEqualTo("4F9D195432C");
        EximEvents.Delivery failed = (EximEvents.Delivery) parse("1rAbCd-000123-AB ** carol@nowhere.example"
                + " R=dnslookup T=remote_smtp: SMTP error from remote mail server after RCPT TO:<carol@nowhere.example>:"
                + " 550 5.1.1 User unknown").get(0);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.BOUNCED);
        assertThat(failed.transport()).isEqualTo("remote_smtp");
        assertThat(failed.response()).endsWith("550 5.1.1 User unknown");
        EximEvents.Delivery deferred = (EximEvents.Delivery) parse("1rAbCd-000123-AB == frank@partner.example"
                + " R=dnslookup T=remote_smtp defer (110): Connection timed out").get(0);
        assertThat(deferred.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(deferred.response()).isEqualTo("defer (110): Connection timed out");
        assertThat(parse("1rAbCd-000123-AB Completed")).containsExactly(new EximEvents.Completed("1rAbCd-000123-AB"));
    }

    @Test
    void rejects() {
        EximEvents.Reject r = (EximEvents.Reject) parse("H=(shop.example.com) [203.0.113.77] F=<promo@shop.example.com>"
                + " rejected RCPT <dave@corp.example.net>: greylisted, try again later").get(0);
        assertThat(r.client()).isEqualTo(new Client(null, "203.0.113.77", -1));
        assertThat(r.helo()).isEqualTo("shop.example.com");
        assertThat(r.sender()).isEqualTo("promo@shop.example.com");
        assertThat(r.recipient()).isEqualTo("dave@corp.example.net");
        assertThat(r.stage()).isEqualTo("RCPT");
        assertThat(r.reason()).isEqualTo(RejectReason.GREYLISTED);
    }

    @Test
    void unknownShapesAreNotRecognised() {
        assertThat(parse("Start queue run: pid=1234")).isEmpty();
        assertThat(parse("1rAbCd-000123-AB >> something new")).isEmpty();
        assertThat(parse("")).isEmpty();
    }
}
