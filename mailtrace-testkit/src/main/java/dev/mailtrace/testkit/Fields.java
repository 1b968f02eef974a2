package dev.mailtrace.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * Collects an event's fields into a map, checking the {@link LogEvent#writeFields} contract on
 * the way: every field is declared by the event's type, written once, in the declared order, with
 * a value of the declared kind.
 */
public final class Fields implements FieldWriter {

    private final LogEvent event;
    private final List<FieldSpec> declared;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private int lastIndex = -1;

    private Fields(LogEvent event) {
        this.event = event;
        this.declared = event.type().fields();
    }

    public static Map<String, Object> of(LogEvent event) {
        Fields f = new Fields(event);
        event.writeFields(f);
        return f.values;
    }

    private void put(String name, Object value, FieldSpec.Kind... kinds) {
        int index = -1;
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i).name().equals(name)) {
                index = i;
                break;
            }
        }
        assertThat(index).as("field [%s] of %s is declared by its type %s", name, event, event.type()).isGreaterThanOrEqualTo(0);
        assertThat(index).as("field [%s] of %s written in declared order", name, event).isGreaterThan(lastIndex);
        assertThat(List.of(kinds)).as("kind of field [%s] of %s", name, event).contains(declared.get(index).kind());
        assertThat(value).as("field [%s] of %s", name, event).isNotNull();
        lastIndex = index;
        values.put(name, value);
    }

    /** A null value is absent, as {@link FieldWriter#string} says: skipped, but still checked for its declaration. */
    @Override
    public void string(String name, String value) {
        if (value == null) {
            assertThat(declared.stream().anyMatch(f -> f.name().equals(name)))
                    .as("field [%s] of %s is declared by its type %s", name, event, event.type()).isTrue();
            return;
        }
        put(name, value, FieldSpec.Kind.KEYWORD, FieldSpec.Kind.TEXT, FieldSpec.Kind.IP);
    }

    @Override
    public void number(String name, long value) {
        put(name, value, FieldSpec.Kind.LONG);
    }

    @Override
    public void decimal(String name, double value) {
        put(name, value, FieldSpec.Kind.DOUBLE);
    }

    @Override
    public void bool(String name, boolean value) {
        put(name, value, FieldSpec.Kind.BOOLEAN);
    }
}
