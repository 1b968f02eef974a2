package dev.mailtrace.trace;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * A tiny MTA for tests of the whole path (framing, parser, pipeline, aggregator) without the
 * postfix module: program {@code mini}, lines {@code Q: accepted NAME[IP]}, {@code Q: msgid=M},
 * {@code Q: from=S size=N}, {@code Q: to=R relay=X status=sent [queued_as=N]}, {@code Q: removed}.
 */
final class MiniDialect implements LogDialect {

    @Override
    public String name() {
        return "mini";
    }

    @Override
    public Set<String> programs() {
        return Set.of("mini");
    }

    @Override
    public List<EventType> eventTypes() {
        return List.of(Ev.ACCEPTED, Ev.IDENTIFIED, Ev.SENDER, Ev.ATTEMPT, Ev.REMOVED);
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        String m = line.message();
        int colon = m.indexOf(": ");
        if (colon < 0) {
            return false;
        }
        String q = m.substring(0, colon);
        String rest = m.substring(colon + 2);
        if (rest.startsWith("accepted ")) {
            String c = rest.substring(9);
            int b = c.indexOf('[');
            out.accept(new Ev.Accepted(q, Ev.client(c.substring(0, b), c.substring(b + 1, c.length() - 1)), null, null, null));
        } else if (rest.startsWith("msgid=")) {
            out.accept(new Ev.Identified(q, rest.substring(6)));
        } else if (rest.startsWith("from=")) {
            String[] w = rest.split(" ");
            out.accept(new Ev.Sender(q, w[0].substring(5), Long.parseLong(w[1].substring(5)), 1));
        } else if (rest.startsWith("to=")) {
            String[] w = rest.split(" ");
            DeliveryStatus st = DeliveryStatus.fromWord(w[2].substring(7));
            String queuedAs = w.length > 3 ? w[3].substring(10) : null;
            out.accept(new Ev.Attempt(q, w[0].substring(3), null, w[1].substring(6), 0.5, null, "2.0.0", st, "ok", queuedAs));
        } else if (rest.equals("removed")) {
            out.accept(new Ev.Removed(q));
        } else {
            return false;
        }
        return true;
    }
}
