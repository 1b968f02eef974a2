package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * The master daemon's life: {@code daemon started -- version 3.7.11, configuration /etc/postfix},
 * {@code reload -- version ...}, {@code terminating on signal 15}, {@code master exit time has arrived}.
 *
 * @param action started, reload, terminating or exit
 * @param version the postfix version, or null
 * @param configDirectory the configuration directory, or null
 * @param signal the signal number, or -1
 */
public record Master(String action, String version, String configDirectory, int signal) implements LogEvent {

    /** {@code postfix/master}. */
    public static final EventType TYPE = F.type("master", "the master daemon started, reloaded or stopped",
            FieldSpec.keyword("action", "started, reload, terminating or exit"),
            FieldSpec.keyword("version", "postfix version"),
            FieldSpec.keyword("config_directory", "configuration directory"),
            FieldSpec.number("signal", "the signal that ended it"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "action", action);
        F.str(out, "version", version);
        F.str(out, "config_directory", configDirectory);
        out.count("signal", signal);
    }
}
