package dev.mailtrace.syslog;

/**
 * Lines the logging system writes about itself. They carry no mail event and must not be counted
 * as unknown mail lines; {@link SyslogHeader#noiseCount()} holds the number they report, if any.
 */
public enum SyslogNoise {

    /** An ordinary line, written on behalf of a program. */
    NONE,

    /**
     * sysklogd's (and rsyslog's old-style) {@code last message repeated N times}, also BSD's
     * {@code --- last message repeated N times ---}. Count: N. The repeated line itself is not
     * in it: the previous line of the same host stands for N more.
     */
    LAST_MESSAGE_REPEATED,

    /**
     * rsyslog's {@code message repeated N times: [ original message]}, written with the original
     * tag. Count: N; {@link SyslogHeader#repeatedStart()} and {@link SyslogHeader#repeatedEnd()}
     * delimit the original message.
     */
    MESSAGE_REPEATED,

    /** The periodic {@code -- MARK --} of syslogd's and rsyslog's mark module. */
    MARK,

    /**
     * Any other message of the logging system itself: rsyslogd's start, stop and HUP notices
     * ({@code [origin software="rsyslogd" ...] start}), action suspended/resumed, syslog-ng's and
     * systemd-journald's own messages.
     */
    SYSLOGD_NOTICE,

    /**
     * Messages the logging system dropped by rate limiting: rsyslog's
     * {@code imuxsock lost N messages from pid P due to rate-limiting} and
     * {@code imjournal: N messages lost due to rate-limiting}, journald's
     * {@code Forwarding to syslog missed N messages}. Count: N.
     */
    MESSAGES_LOST,

    /** journald's {@code Suppressed N messages from UNIT}. Count: N. */
    MESSAGES_SUPPRESSED,

    /** journald's {@code Missed N kernel messages}. Count: N. */
    KERNEL_MESSAGES_MISSED
}
