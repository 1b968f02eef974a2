package dev.mailtrace.cli;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailtrace.event.BounceCreated;
import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.MessageIdentified;
import dev.mailtrace.event.MessageRemoved;
import dev.mailtrace.event.RecipientAttempt;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.Rejection;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * A few postfix line shapes read with regular expressions into the generic events, so that
 * {@code trace} can be tested on postfix-format logs without the postfix module (which the CLI
 * tests do not depend on). {@link TracePostfixTest} runs the real dialect when it is there.
 */
final class TraceTestDialect implements LogDialect {

    private static final EventType TYPE = EventType.of("pfx", "event", "a test event", FieldSpec.keyword("queue_id", "id"));
    private static final Pattern QID = Pattern.compile("([0-9A-Za-z]{6,}): (.*)");
    private static final Pattern CLIENT = Pattern.compile("client=([^\\[,]+)\\[([^\\]]+)\\](?::(\\d+))?.*");
    private static final Pattern MSGID = Pattern.compile("message-id=<?([^>]*)>?");
    private static final Pattern FROM = Pattern.compile("from=<([^>]*)>, size=(\\d+), nrcpt=(\\d+).*");
    private static final Pattern PICKUP = Pattern.compile("uid=\\d+ from=<([^>]*)>");
    private static final Pattern TO = Pattern.compile(
            "to=<([^>]*)>,(?: orig_to=<([^>]*)>,)? relay=([^,]+), (?:conn_use=\\d+, )?delay=([\\d.]+), delays=([\\d./]+), dsn=([\\d.]+), status=(\\w+) \\((.*)\\)");
    private static final Pattern QUEUED_AS = Pattern.compile(".*queued as ([0-9A-Za-z]+)\\)?$");
    private static final Pattern BOUNCE = Pattern.compile("sender non-delivery notification: ([0-9A-Za-z]+)");
    private static final Pattern REJECT = Pattern.compile(
            "NOQUEUE: reject: (\\w+) from ([^\\[]+)\\[([^\\]]+)\\](?::\\d+)?: (\\d{3}) ([\\d.]+) (.*); from=<([^>]*)> to=<([^>]*)> proto=\\w+ helo=<([^>]*)>");

    /** The fields of a line; the records below give them the generic interfaces. */
    record Event(String queueId, Kind kind, String a, String b, String c, String d, String e, String f, String g, String h) {
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }

        public Client client() {
            return a == null ? null : new Client(a, b, c == null ? -1 : Integer.parseInt(c));
        }

        public String saslUsername() {
            return null;
        }

        public String saslMethod() {
            return null;
        }

        public String messageId() {
            return a;
        }

        public String sender() {
            return a;
        }

        public long size() {
            return b == null ? -1 : Long.parseLong(b);
        }

        public int recipientCount() {
            return c == null ? -1 : Integer.parseInt(c);
        }

        public String recipient() {
            return a;
        }

        public String originalRecipient() {
            return b;
        }

        public String relay() {
            return c;
        }

        public double delay() {
            return Double.parseDouble(d);
        }

        public String delays() {
            return e;
        }

        public String dsn() {
            return f;
        }

        public DeliveryStatus status() {
            return DeliveryStatus.fromWord(g);
        }

        public String response() {
            return h;
        }

        public String queuedAs() {
            Matcher m = QUEUED_AS.matcher(h);
            return m.matches() ? m.group(1) : null;
        }

        public String bounceQueueId() {
            return a;
        }
    }

    /** What a line was. */
    enum Kind { ACCEPTED, IDENTIFIED, SENDER, ATTEMPT, REMOVED, BOUNCE }

    record Accepted(Event e) implements MessageAccepted {
        public String queueId() { return e.queueId(); }
        public Client client() { return e.client(); }
        public String saslUsername() { return null; }
        public String saslMethod() { return null; }
        public EventType type() { return TYPE; }
        public void writeFields(FieldWriter out) { e.writeFields(out); }
    }

    record Identified(Event e) implements MessageIdentified {
        public String queueId() { return e.queueId(); }
        public String messageId() { return e.messageId(); }
        public EventType type() { return TYPE; }
        public void writeFields(FieldWriter out) { e.writeFields(out); }
    }

    record Sender(Event e) implements EnvelopeSender {
        public String queueId() { return e.queueId(); }
        public String sender() { return e.sender(); }
        public long size() { return e.size(); }
        public int recipientCount() { return e.recipientCount(); }
        public EventType type() { return TYPE; }
        public void writeFields(FieldWriter out) { e.writeFields(out); }
    }

    record Attempt(Event e) implements RecipientAttempt {
        public String queueId() { return e.queueId(); }
        public String recipient() { return e.recipient(); }
        public String originalRecipient() { return e.originalRecipient(); }
        public String relay() { return e.relay(); }
        public double delay() { return e.delay(); }
        public String delays() { return e.delays(); }
        public String dsn() { return e.dsn(); }
        public DeliveryStatus status() { return e.status(); }
        public String response() { return e.response(); }
        public String queuedAs() { return e.queuedAs(); }
        public EventType type() { return TYPE; }
        public void writeFields(FieldWriter out) { e.writeFields(out); }
    }

    record Removed(Event e) implements MessageRemoved {
        public String queueId() { return e.queueId(); }
        public EventType type() { return TYPE; }
        public void writeFields(FieldWriter out) { e.writeFields(out); }
    }

    record Bounce(Event e) implements BounceCreated {
        public String queueId() { return e.queueId(); }
        public String bounceQueueId() { return e.bounceQueueId(); }
        public EventType type() { return TYPE; }
        public void writeFields(FieldWriter out) { e.writeFields(out); }
    }

    record Reject(Client client, String stage, int code, String dsn, String reasonText, String sender, String recipient,
            String helo) implements Rejection {
        public String queueId() { return null; }
        public RejectReason reason() { return RejectReason.classify(code, dsn, reasonText); }
        public EventType type() { return TYPE; }
        public void writeFields(FieldWriter out) { }
    }

    @Override
    public String name() {
        return "pfx";
    }

    @Override
    public Set<String> programs() {
        return Set.of("postfix/*");
    }

    @Override
    public List<EventType> eventTypes() {
        return List.of(TYPE);
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        String msg = line.message();
        Matcher r = REJECT.matcher(msg);
        if (r.matches()) {
            out.accept(new Reject(new Client(r.group(2), r.group(3), -1), r.group(1), Integer.parseInt(r.group(4)),
                    r.group(5), r.group(6), r.group(7), r.group(8), r.group(9)));
            return true;
        }
        Matcher q = QID.matcher(msg);
        if (!q.matches()) {
            return false;
        }
        String id = q.group(1);
        String rest = q.group(2);
        Matcher m;
        if ((m = CLIENT.matcher(rest)).matches()) {
            out.accept(new Accepted(new Event(id, Kind.ACCEPTED, m.group(1), m.group(2), m.group(3), null, null, null, null, null)));
        } else if ((m = PICKUP.matcher(rest)).matches()) {
            out.accept(new Accepted(new Event(id, Kind.ACCEPTED, null, null, null, null, null, null, null, null)));
        } else if ((m = MSGID.matcher(rest)).matches()) {
            out.accept(new Identified(new Event(id, Kind.IDENTIFIED, m.group(1), null, null, null, null, null, null, null)));
        } else if ((m = FROM.matcher(rest)).matches()) {
            out.accept(new Sender(new Event(id, Kind.SENDER, m.group(1), m.group(2), m.group(3), null, null, null, null, null)));
        } else if ((m = TO.matcher(rest)).matches()) {
            out.accept(new Attempt(new Event(id, Kind.ATTEMPT, m.group(1), m.group(2), m.group(3), m.group(4), m.group(5),
                    m.group(6), m.group(7), m.group(8))));
        } else if (rest.equals("removed")) {
            out.accept(new Removed(new Event(id, Kind.REMOVED, null, null, null, null, null, null, null, null)));
        } else if ((m = BOUNCE.matcher(rest)).matches()) {
            out.accept(new Bounce(new Event(id, Kind.BOUNCE, m.group(1), null, null, null, null, null, null, null)));
        } else {
            return false;
        }
        return true;
    }
}
