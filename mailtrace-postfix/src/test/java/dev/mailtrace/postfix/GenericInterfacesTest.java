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
