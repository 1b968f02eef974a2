package dev.mailtrace.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.testkit.Fields;
import dev.mailtrace.testkit.TestLine;

/** The dialect as a service: discovery, the programs it claims, the event types it declares, threads. */
class SendmailDialectTest {

    @Test
    void isFoundByServiceLoaderAndClaimsSendmailsProgramNames() {
        DialectRegistry registry = DialectRegistry.load();
        LogDialect d = registry.forName("Sendmail");
        assertThat(d).isInstanceOf(SendmailDialect.class);
        assertThat(d.name()).isEqualTo(SendmailDialect.NAME).isEqualTo("sendmail");
        for (String program : new String[] {"sendmail", "sm-mta", "sm-msp-queue", "sm-mta-rx", "sm-acceptingconnections",
            "sendmail-mta", "sm-mta-out"}) {
            assertThat(registry.dialectFor(program)).as(program).isSameAs(d);
        }
        // postfix's sendmail command is postfix's
        assertThat(registry.dialectFor("postfix/sendmail")).isNotSameAs(d);
        assertThat(registry.dialectFor("smtpd")).isNull();
        assertThat(registry.dialectFor("sm-notify")).as("nfs-utils' sm-notify").isNull();
        assertThat(registry.dialectFor("dovecot")).isNotSameAs(d);
    }

    @Test
    void declaresEachEventTypeOnceWithUniqueSnakeCaseFields() {
        Set<String> names = new HashSet<>();
        for (EventType t : new SendmailDialect().eventTypes()) {
            assertThat(t.dialect()).isEqualTo("sendmail");
            assertThat(names.add(t.name())).as("event type %s declared once", t.name()).isTrue();
            assertThat(t.name()).matches("[a-z][a-z0-9_]*");
            assertThat(t.description()).isNotBlank();
            Set<String> fields = new HashSet<>();
            for (FieldSpec f : t.fields()) {
                assertThat(f.name()).as("field of %s", t).matches("[a-z][a-z0-9_]*");
                assertThat(fields.add(f.name())).as("field %s of %s declared once", f.name(), t).isTrue();
                assertThat(f.description()).as("description of %s.%s", t, f.name()).isNotBlank();
            }
        }
        assertThat(names).contains("from", "delivery", "dsn", "ruleset", "milter", "starttls", "auth", "address_error",
                "lost_connection", "null_connection", "collect", "syserr", "connect");
    }

    /** The dialect is stateless: 4 threads parsing every known line at once give the single-thread results. */
    @Test
    void sameEventsOnManyThreads() throws Exception {
        List<KnownLines.Known> lines = KnownLines.cases();
        SendmailDialect dialect = new SendmailDialect();
        List<Map<String, Object>> expected = run(dialect, lines);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Map<String, Object>>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<Map<String, Object>> last = null;
                    for (int r = 0; r < 50; r++) {
                        last = run(dialect, lines);
                    }
                    return last;
                }));
            }
            for (Future<List<Map<String, Object>>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Map<String, Object>> run(SendmailDialect dialect, List<KnownLines.Known> lines) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (KnownLines.Known k : lines) {
            List<LogEvent> events = new ArrayList<>();
            dialect.parse(TestLine.of(k.program(), k.message()), events::add);
            out.add(events.isEmpty() ? Map.of() : Fields.of(events.get(0)));
        }
        return out;
    }
}
