package dev.mailtrace.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.RecipientAttempt;
import dev.mailtrace.event.TlsEstablished;
import dev.mailtrace.testkit.TestLine;

/** What the transaction aggregator reads through the generic interfaces. */
class GenericInterfacesTest {

    private static LogEvent parse(String program, String message) {
        List<LogEvent> out = new ArrayList<>();
        assertThat(new PostfixDialect().parse(TestLine.of(program, message), out::add)).isTrue();
        return out.get(0);
    }

    @Test
    void deliveryDelaysAreWrittenAsPostfixDoes() {
        RecipientAttempt a = (RecipientAttempt) parse("postfix/smtp", "C1D2E3F4A5: to=<frank@partner.example>,"
                + " relay=mx.partner.example[192.0.2.99]:25, delay=602, delays=601/0.01/0.6/0.4, dsn=2.0.0,"
                + " status=sent (250 2.0.0 Ok: queued as 41B7A2200E)");
        assertThat(a.delays()).isEqualTo("601/0.01/0.6/0.4");
        assertThat(((RecipientAttempt) parse("postfix/local", "ABCDEF1234: to=<root@h>, relay=local, delay=1,"
                + " status=sent (delivered to mailbox)")).delays()).isNull();
    }

    @Test
    void delaysAreWrittenAsDoubleToStringWouldForEveryValue() {
        // the fast path for decimals of up to three places, and the general one for everything else
        for (long m = 1; m < 2_000_000; m += m < 20_000 ? 1 : 7) {
            double s = m / 1000.0;
            String expected = m % 1000 == 0 ? Long.toString(m / 1000) : Double.toString(s);
            assertThat(Delivery.seconds(new StringBuilder(), s).toString()).as("%d/1000", m).isEqualTo(expected);
        }
        for (double s : new double[] {0.0001, 1.0E-5, 0.1 + 0.2, 1234567.5, 1.0 / 3, 0.0005, 999999.999}) {
            assertThat(Delivery.seconds(new StringBuilder(), s).toString()).as("%s", s).isEqualTo(Double.toString(s));
        }
        assertThat(Delivery.seconds(new StringBuilder(), 0).toString()).isEqualTo("0");
        assertThat(Delivery.seconds(new StringBuilder(), 1e7).toString()).isEqualTo("10000000");
    }

    @Test
    void xforwardedClientsNameTheirPreviousQueueId() {
        MessageAccepted m = (MessageAccepted) parse("postfix/smtpd",
                "7A3C31A0F21: client=localhost[127.0.0.1], orig_queue_id=4F9D195432C, orig_client=mail.example.org[198.51.100.23]");
        assertThat(m.previousQueueId()).isEqualTo("4F9D195432C");
    }

    @Test
    void tlsConnectionsAreTlsEstablished() {
        TlsEstablished t = (TlsEstablished) parse("postfix/smtpd", "Anonymous TLS connection established from"
                + " mail.example.org[198.51.100.23]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)");
        assertThat(t.version()).isEqualTo("TLSv1.3");
        assertThat(t.cipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(t.cipherBits()).isEqualTo(256);
        assertThat(t.client().ip()).isEqualTo("198.51.100.23");
    }
}
