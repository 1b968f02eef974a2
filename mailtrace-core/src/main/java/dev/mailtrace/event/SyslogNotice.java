package dev.mailtrace.event;

import java.util.Locale;
import java.util.Objects;

/**
 * A line the syslog daemon wrote about itself ({@code last message repeated 3 times},
 * {@code -- MARK --}, rsyslogd start notices, lost or suppressed messages): recognised as such so
 * that it is not counted as an unknown mail line.
 *
 * @param kind what kind of notice: {@code last_message_repeated}, {@code mark}, ...
 * @param count the number it carries (repetitions, lost messages), or -1
 */
public record SyslogNotice(String kind, long count) implements LogEvent {

    /** The type of every syslog notice. */
    public static final EventType TYPE = EventType.of("syslog", "syslog",
            "a line the syslog daemon wrote about itself",
            FieldSpec.keyword("kind", "last_message_repeated, message_repeated, mark, syslogd_notice,"
                    + " messages_lost, messages_suppressed or kernel_messages_missed"),
            FieldSpec.number("count", "repetitions or lost messages, when given"));

    public SyslogNotice {
        Objects.requireNonNull(kind, "kind");
    }

    /** The notice for a syslog noise kind name such as {@code LAST_MESSAGE_REPEATED}. */
    public static SyslogNotice of(String enumName, long count) {
        return new SyslogNotice(enumName.toLowerCase(Locale.ROOT), count);
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        out.string("kind", kind);
        out.count("count", count);
    }
}
