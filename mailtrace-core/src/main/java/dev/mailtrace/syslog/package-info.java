/**
 * Syslog framing: the header of each log line (format, priority, timestamp, host, program, pid)
 * read from its bytes by {@link dev.mailtrace.syslog.SyslogScanner} into a reusable
 * {@link dev.mailtrace.syslog.SyslogHeader}, RFC 3164 years inferred by
 * {@link dev.mailtrace.syslog.YearInference}, and the logging system's own lines recognised as
 * {@link dev.mailtrace.syslog.SyslogNoise}.
 */
package dev.mailtrace.syslog;
