package dev.mailtrace.syslog;

/** The header format a line was written in, as recognised by {@link SyslogScanner}. */
public enum SyslogFormat {

    /**
     * BSD syslog (RFC 3164) as syslogd, rsyslog's default file format and syslog-ng write it:
     * {@code [<PRI>]Mmm dd hh:mm:ss[.ffffff] [host] tag[pid]: msg}. The timestamp has neither
     * year (inferred, see {@link YearInference}) nor offset (the configured zone applies).
     */
    RFC3164,

    /**
     * The syslog protocol (RFC 5424):
     * {@code <PRI>1 TIMESTAMP HOST APP-NAME PROCID MSGID STRUCTURED-DATA [BOM]MSG}, with {@code -}
     * for nil values.
     */
    RFC5424,

    /**
     * An RFC 3339 / ISO 8601 timestamp in place of the BSD one, as rsyslog's
     * {@code RSYSLOG_FileFormat}, syslog-ng's {@code ts_format(iso)} and
     * {@code journalctl -o short-iso} write it: {@code [<PRI>]2026-12-31T23:59:58.123456+01:00 host tag[pid]: msg}.
     * Also the space-separated {@code 2026-12-31 23:59:58 [+0100]} that applications write into
     * their own files (exim, dovecot {@code log_timestamp}).
     */
    ISO8601,

    /**
     * No recognisable header (daemontools' tai64n {@code @4000...}, an empty line, garbage): the
     * whole line is the message.
     */
    NONE
}
