package dev.mailtrace.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;

/**
 * Runs one line through a dialect and checks what came out:
 *
 * <pre>{@code
 * DialectTester.of(dialect).line("dovecot", "imap-login: Login: user=<alice>, method=PLAIN, rip=192.0.2.1")
 *         .event("login").expect("client_ip", "192.0.2.1").absent("client_port");
 * }</pre>
 *
 * The first argument is the syslog tag ({@code dovecot}, {@code lmtp(bob)<4242><sess>},
 * {@code amavis[123]}). Every line is parsed three times and must give the same event and fields:
 * alone in an exact array, embedded at an offset in a larger buffer, and as a whole syslog line
 * through core's {@link LogParser} (framing, program dispatch). Field writing is checked against the
 * event type's declaration on the way (see {@link Fields}).
 */
public final class DialectTester {

    private final LogDialect dialect;
    private final LogParser parser;

    private DialectTester(LogDialect dialect) {
        this.dialect = dialect;
        this.parser = LogParser.builder(DialectRegistry.builder().add(dialect).build()).year(2024).build();
        parser.startSource("test", null);
    }

    public static DialectTester of(LogDialect dialect) {
        return new DialectTester(dialect);
    }

    public LogDialect dialect() {
        return dialect;
    }

    public Case line(String tag, String message) {
        return new Case(tag, message);
    }

    /** The result of one line. */
    /** One line's result, with fluent checks. */
    public final class Case {
        private final String where;
        private final boolean recognised;
        private final List<LogEvent> events = new ArrayList<>();
        private final List<Map<String, Object>> fields = new ArrayList<>();

        private Case(String tag, String message) {
            this.where = tag + ": " + message;
            List<LogEvent> embedded = new ArrayList<>();
            this.recognised = dialect.parse(TestLine.of(tag, message), events::add);
            boolean again = dialect.parse(TestLine.embedded(tag, message), embedded::add);
            assertThat(again).as("same result at an offset in a larger buffer: %s", where).isEqualTo(recognised);
            assertThat(events.size()).as("at most one event per line: %s", where).isLessThanOrEqualTo(1);
            assertThat(events.isEmpty()).as("an event iff recognised: %s", where).isEqualTo(!recognised);
            List<LogEvent> framed = new ArrayList<>();
            if (message.indexOf('\n') < 0) {
                byte[] line = ("Nov 24 10:04:05 mx1 " + tag + ": " + message).getBytes(StandardCharsets.UTF_8);
                parser.parseLine(line, 0, line.length, (l, ev) -> framed.add(ev));
                assertThat(framed).as("one event through the framing: %s", where).hasSize(1);
            }
            for (int i = 0; i < events.size(); i++) {
                assertThat(dialect.eventTypes()).as("eventTypes() lists the type of %s", where)
                        .contains(events.get(i).type());
                Map<String, Object> f = Fields.of(events.get(i));
                assertThat(Fields.of(embedded.get(i))).as("same fields at an offset: %s", where).isEqualTo(f);
                assertThat(embedded.get(i)).as("same event at an offset: %s", where).isEqualTo(events.get(i));
                if (!framed.isEmpty()) {
                    assertThat(framed.get(0)).as("same event through the framing: %s", where).isEqualTo(events.get(i));
                }
                fields.add(f);
            }
            if (!recognised && !framed.isEmpty()) {
                assertThat(framed.get(0).type().name()).as("unknown through the framing: %s", where)
                        .isEqualTo("unknown");
            }
        }

        public Case recognised() {
            assertThat(recognised).as("recognised: %s", where).isTrue();
            return this;
        }

        public Case unrecognised() {
            assertThat(recognised).as("not recognised: %s (gave %s)", where, events).isFalse();
            return this;
        }

        public Case event(String type) {
            recognised();
            assertThat(event().type().name()).as("event type of %s", where).isEqualTo(type);
            assertThat(event().type().dialect()).isEqualTo(dialect.name());
            return this;
        }

        public Case isA(Class<?> type) {
            recognised();
            assertThat(event()).as("%s of %s", type.getSimpleName(), where).isInstanceOf(type);
            return this;
        }

        public Case isNotA(Class<?> type) {
            recognised();
            assertThat(event()).as("not %s: %s", type.getSimpleName(), where).isNotInstanceOf(type);
            return this;
        }

        /** Expects a field: numbers compare numerically, booleans and strings exactly. */
        public Case expect(String field, Object value) {
            recognised();
            Map<String, Object> f = fields.get(0);
            assertThat(f).as("fields of %s", where).containsKey(field);
            assertThat(same(f.get(field), value)).as("field [%s] of %s: %s, expected %s", field, where, f.get(field),
                    value).isTrue();
            return this;
        }

        public Case absent(String field) {
            recognised();
            assertThat(fields.get(0)).as("fields of %s", where).doesNotContainKey(field);
            return this;
        }

        /** Every event the line gave, in order (empty when not recognised). */
        public List<LogEvent> events() {
            return List.copyOf(events);
        }

        public LogEvent event() {
            recognised();
            return events.get(0);
        }

        public Map<String, Object> fields() {
            recognised();
            return fields.get(0);
        }
    }

    /** Whether an extracted value equals an expected one given as value or text. */
    public static boolean same(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == expected;
        }
        if (actual instanceof Number) {
            try {
                BigDecimal a = new BigDecimal(actual.toString());
                BigDecimal x = new BigDecimal(expected.toString().trim());
                return a.compareTo(x) == 0;
            } catch (NumberFormatException ex) {
                return false;
            }
        }
        if (actual instanceof Boolean) {
            return actual.toString().equals(expected.toString());
        }
        return actual.equals(expected.toString());
    }
}
