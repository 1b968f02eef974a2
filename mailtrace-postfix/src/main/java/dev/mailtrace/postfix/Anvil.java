package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * anvil's peak statistics: {@code statistics: max connection rate 3/60s for (smtp:192.0.2.1) at Oct
 * 22 02:04:14}, {@code max connection count}, {@code max message rate}, {@code max recipient rate},
 * {@code max newtls rate}, {@code max auth rate}, {@code max cache size 2 at Oct 22 02:04:26}.
 *
 * @param statistic the field the value is written as: connection_rate, connection_count,
 *     message_rate, recipient_rate, newtls_rate, auth_rate, tlstrace_rate or cache_size
 * @param value the peak value
 * @param period the rate's time unit ({@code 60s}), or null
 * @param service the service ({@code smtp}, {@code 127.0.0.1:2525}), or null
 * @param clientIp the client, or null (also when logged as unknown)
 * @param peakAt when the peak was, as logged ({@code Oct 22 02:04:14}, no year)
 */
public record Anvil(String statistic, long value, String period, String service, String clientIp, String peakAt)
        implements LogEvent {

    /** The statistics anvil reports, as field names. */
    static final String[] STATISTICS = {"connection_rate", "connection_count", "message_rate", "recipient_rate",
        "newtls_rate", "auth_rate", "tlstrace_rate", "cache_size"};

    /** {@code postfix/anvil}. */
    public static final EventType TYPE = F.type("anvil", "anvil: peak connection/message/recipient rates and counts per client",
            FieldSpec.number("connection_rate", "peak connections per period"),
            FieldSpec.number("connection_count", "peak simultaneous connections"),
            FieldSpec.number("message_rate", "peak messages per period"),
            FieldSpec.number("recipient_rate", "peak recipients per period"),
            FieldSpec.number("newtls_rate", "peak new TLS sessions per period"),
            FieldSpec.number("auth_rate", "peak AUTH commands per period"),
            FieldSpec.number("tlstrace_rate", "peak TLS trace requests per period"),
            FieldSpec.number("cache_size", "peak anvil cache size"),
            FieldSpec.keyword("period", "time unit of the rate (60s)"),
            FieldSpec.keyword("service", "the service the client used"),
            FieldSpec.ip("client_ip", "the client"),
            FieldSpec.keyword("peak_at", "when the peak was, as logged (no year)"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        out.number(statistic, value);
        F.str(out, "period", period);
        F.str(out, "service", service);
        F.str(out, "client_ip", clientIp);
        F.str(out, "peak_at", peakAt);
    }
}
