package dev.mailtrace.spi;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;

/** Registered in the test class path's META-INF/services to prove discovery. */
public class ServiceLoadedTestDialect implements LogDialect {
    static final String NAME = "testdialect";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> programs() {
        return Set.of("testprog");
    }

    @Override
    public List<EventType> eventTypes() {
        return List.of();
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        return false;
    }
}
