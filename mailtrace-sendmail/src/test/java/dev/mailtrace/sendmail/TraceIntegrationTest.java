package dev.mailtrace.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.postfix.PostfixDialect;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.Link;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.Reject;
import dev.mailtrace.trace.TraceAggregator;
import dev.mailtrace.trace.TraceRecord;
import dev.mailtrace.trace.Transaction;

/**
 * Sendmail lines through core's own {@link LogParser} and {@link TraceAggregator}, next to a
 * downstream postfix host: the sendmail transaction's attempt hands the message over by
 * {@code queued as}, and one message trace has both hops. Only generic interfaces are read.
 */
class TraceIntegrationTest {

    private static final String LOG = String.join("\n",
            "Dec 15 15:27:18 smtp sm-mta[19936]: STARTTLS=server, relay=bob.desktop.foo.example [10.10.10.10], "
                    + "version=TLSv1.3, verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256",
            "Dec 15 15:27:19 smtp sm-mta[19936]: pBFERI8l019936: from=<bob@foo.example>, size=2240, class=0, nrcpts=1, "
                    + "msgid=<20111215142718.GD23530@smtp.foo.example>, proto=ESMTP, daemon=MTA, "
                    + "relay=bob.desktop.foo.example [10.10.10.10]",
            "Dec 15 15:27:19 smtp sm-mta[19938]: pBFERI8l019936: to=<alice@bar.example>, delay=00:00:01, "
                    + "xdelay=00:00:00, mailer=esmtp, pri=122240, relay=mx.bar.example. [192.0.2.25], dsn=2.0.0, "
                    + "stat=Sent (Ok: queued as 5298B228B8B)",
            "Dec 15 15:27:19 mx postfix/smtpd[2001]: 5298B228B8B: client=smtp.foo.example[198.51.100.7]",
            "Dec 15 15:27:19 mx postfix/cleanup[2002]: 5298B228B8B: message-id=<20111215142718.GD23530@smtp.foo.example>",
            "Dec 15 15:27:19 mx postfix/qmgr[2003]: 5298B228B8B: from=<bob@foo.example>, size=2500, nrcpt=1 (queue active)",
            "Dec 15 15:27:20 mx postfix/local[2004]: 5298B228B8B: to=<alice@bar.example>, relay=local, delay=0.1, "
                    + "delays=0.05/0.01/0/0.04, dsn=2.0.0, status=sent (delivered to mailbox)",
            "Dec 15 15:27:20 mx postfix/qmgr[2003]: 5298B228B8B: removed",
            "Dec 15 15:28:01 smtp sm-mta[20001]: ruleset=check_relay, arg1=bad.example.net, arg2=203.0.113.9, "
                    + "relay=bad.example.net [203.0.113.9], reject=421 4.3.2 Connection rate limit exceeded.");

    @Test
    void aSendmailHopHandsTheMessageToAPostfixHop() {
        LogParser parser = LogParser.builder(DialectRegistry.builder().add(new SendmailDialect())
                .add(new PostfixDialect()).build()).year(2011).build();
        List<TraceRecord> records = new ArrayList<>();
        TraceAggregator agg = TraceAggregator.builder().messages(true).listener(records::add).build();
        parser.startSource("mail.log", null);
        for (String line : LOG.split("\n")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            parser.parseLine(b, 0, b.length, agg);
        }
        agg.finish();
        assertThat(parser.stats().unknownLines()).isZero();

        Transaction sm = records.stream().filter(r -> r instanceof Transaction t && t.host().equals("smtp"))
                .map(r -> (Transaction) r).findFirst().orElseThrow();
        assertThat(sm.queueId()).isEqualTo("pBFERI8l019936");
        assertThat(sm.client().ip()).isEqualTo("10.10.10.10");
        assertThat(sm.tls()).as("STARTTLS=server of the same process").isNotNull();
        assertThat(sm.recipients()).singleElement().satisfies(r -> {
            assertThat(r.to()).isEqualTo("alice@bar.example");
            assertThat(r.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(r.attempts()).singleElement().satisfies(a -> {
                assertThat(a.relay()).isEqualTo("mx.bar.example [192.0.2.25]");
                assertThat(a.queuedAs()).isEqualTo("5298B228B8B");
                assertThat(a.dsn()).isEqualTo("2.0.0");
            });
        });
        assertThat(sm.next()).singleElement().satisfies(l -> {
            assertThat(l.host()).isEqualTo("mx");
            assertThat(l.queueId()).isEqualTo("5298B228B8B");
            assertThat(l.via()).isEqualTo(Link.Kind.RELAY);
        });

        Transaction mx = records.stream().filter(r -> r instanceof Transaction t && t.host().equals("mx"))
                .map(r -> (Transaction) r).findFirst().orElseThrow();
        assertThat(mx.prev()).isNotNull();
        assertThat(mx.prev().queueId()).isEqualTo("pBFERI8l019936");

        MessageTrace trace = records.stream().filter(r -> r instanceof MessageTrace).map(r -> (MessageTrace) r)
                .findFirst().orElseThrow();
        assertThat(trace.hops()).extracting(h -> h.host() + "/" + h.queueId())
                .containsExactly("smtp/pBFERI8l019936", "mx/5298B228B8B");
        assertThat(trace.recipients()).singleElement().satisfies(o -> {
            assertThat(o.to()).isEqualTo("alice@bar.example");
            assertThat(o.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(o.host()).isEqualTo("mx");
        });

        Reject reject = records.stream().filter(r -> r instanceof Reject).map(r -> (Reject) r).findFirst().orElseThrow();
        assertThat(reject.host()).isEqualTo("smtp");
    }
}
