package dev.mailtrace.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.LogDialect;

/**
 * (A copy of the postfix dialect's test kit, adapted, until the planned shared test kit exists.)
 *
 * <p>Runs one line through a dialect and checks what came out:
 *
 * <pre>{@code
 * DialectTester.of(dialect).line("sm-mta", "NOQUEUE: connect from mail.example.org [192.0.2.1]")
 *         .event("connect").expect("client_ip", "192.0.2.1").absent("client_port");
 * }</pre>
 *
 * Every line is parsed twice, alone in an exact array and embedded at an offset in a larger
 * buffer, and both must give the same events and fields. Field writing is checked against the
 * event type's declaration on the way (see {@link Fields}).
 */
final class DialectTester {

    private final LogDialect dialect;

    private DialectTester(LogDialect dialect) {
        this.dialect = dialect;
    }

    static DialectTester of(LogDialect dialect) {
        return new DialectTester(dialect);
    }

    Case line(String program, String message) {
        return new Case(program, message);
    }

    /** The result of one line. */
    final class Case {
        private final String where;
        private final boolean recognised;
        private final List<LogEvent> events = new ArrayList<>();
        private final List<Map<String, Object>> fields = new ArrayList<>();

        private Case(String program, String message) {
            this.where = program + ": " + message;
            List<LogEvent> embedded = new ArrayList<>();
            this.recognised = dialect.parse(TestLine.of(program, message), events::add);
            boolean again = dialect.parse(TestLine.embedded(program, message), embedded::add);
            assertThat(again).as("same result at an offset in a larger buffer: %s", where).isEqualTo(recognised);
            assertThat(events.size()).as("at most one event per line: %s", where).isLessThanOrEqualTo(1);
            for (int i = 0; i < events.size(); i++) {
                assertThat(dialect.eventTypes()).as("eventTypes() lists the type of %s", where)
                        .contains(events.get(i).type());
                Map<String, Object> f = Fields.of(events.get(i));
                assertThat(Fields.of(embedded.get(i))).as("same fields at an offset: %s", where).isEqualTo(f);
                assertThat(embedded.get(i)).as("same event at an offset: %s", where).isEqualTo(events.get(i));
                fields.add(f);
            }
            assertThat(events.isEmpty()).as("an event iff recognised: %s", where).isEqualTo(!recognised);
        }

        Case recognised() {
            assertThat(recognised).as("recognised: %s", where).isTrue();
            return this;
        }

        Case unrecognised() {
            assertThat(recognised).as("not recognised: %s (gave %s)", where, events).isFalse();
            return this;
        }

        Case event(String type) {
            recognised();
            assertThat(event().type().name()).as("event type of %s", where).isEqualTo(type);
            assertThat(event().type().dialect()).isEqualTo(SendmailDialect.NAME);
            return this;
        }

        Case isA(Class<?> type) {
            recognised();
            assertThat(event()).as("%s of %s", type.getSimpleName(), where).isInstanceOf(type);
            return this;
        }

        Case isNotA(Class<?> type) {
            recognised();
            assertThat(event()).as("not %s: %s", type.getSimpleName(), where).isNotInstanceOf(type);
            return this;
        }

        /** Expects a field: numbers compare numerically, booleans and strings exactly. */
        Case expect(String field, Object value) {
            recognised();
            Map<String, Object> f = fields.get(0);
            assertThat(f).as("fields of %s", where).containsKey(field);
            assertThat(same(f.get(field), value)).as("field [%s] of %s: %s, expected %s", field, where, f.get(field),
                    value).isTrue();
            return this;
        }

        Case absent(String field) {
            recognised();
            assertThat(fields.get(0)).as("fields of %s", where).doesNotContainKey(field);
            return this;
        }

        LogEvent event() {
            recognised();
            return events.get(0);
        }

        Map<String, Object> fields() {
            recognised();
            return fields.get(0);
        }
    }

    /** Whether an extracted value equals an expected one given as value or text. */
    static boolean same(Object actual, Object expected) {
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
