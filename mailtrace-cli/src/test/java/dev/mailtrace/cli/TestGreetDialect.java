package dev.mailtrace.cli;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * A dialect found through the test class path's META-INF/services, as a third party's would be:
 * {@code greeter: hello NAME [N]} gives a {@code hello} event.
 */
public final class TestGreetDialect implements LogDialect {

    static final EventType HELLO = EventType.of("greet", "hello", "a greeting",
            FieldSpec.keyword("who", "who was greeted"), FieldSpec.number("times", "how often"));

    record Hello(String who, long times) implements LogEvent {
        @Override
        public EventType type() {
            return HELLO;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("who", who);
            out.count("times", times);
        }
    }

    @Override
    public String name() {
        return "greet";
    }

    @Override
    public Set<String> programs() {
        return Set.of("greeter");
    }

    @Override
    public List<EventType> eventTypes() {
        return List.of(HELLO);
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        String[] words = line.message().split(" ");
        if (words.length < 2 || !words[0].equals("hello")) {
            return false;
        }
        out.accept(new Hello(words[1], words.length > 2 ? Long.parseLong(words[2]) : -1));
        return true;
    }
}
