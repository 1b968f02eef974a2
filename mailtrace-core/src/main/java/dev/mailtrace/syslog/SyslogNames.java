package dev.mailtrace.syslog;

/** Facility and severity names as syslog.conf and syslog-ng's {@code $FACILITY}/{@code $LEVEL} spell them. */
final class SyslogNames {

    /** Index = facility code; {@code null} where no name is in use. */
    private static final String[] FACILITIES = {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv",
        "ftp", "ntp", "security", "console", "solaris-cron",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    };
    private static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    private SyslogNames() {
    }

    /** The facility code named by {@code b[s, e)}, or -1. */
    static int facility(byte[] b, int s, int e) {
        int i = indexOf(FACILITIES, b, s, e);
        return i >= 0 ? i : equals("audit", b, s, e) ? 13 : -1;
    }

    /** The severity named by {@code b[s, e)} (also the old {@code panic}, {@code error}, {@code warn}), or -1. */
    static int severity(byte[] b, int s, int e) {
        int i = indexOf(SEVERITIES, b, s, e);
        if (i >= 0) {
            return i;
        }
        if (equals("panic", b, s, e)) {
            return 0;
        }
        if (equals("error", b, s, e)) {
            return 3;
        }
        return equals("warn", b, s, e) ? 4 : -1;
    }

    private static int indexOf(String[] names, byte[] b, int s, int e) {
        for (int i = 0; i < names.length; i++) {
            if (equals(names[i], b, s, e)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean equals(String name, byte[] b, int s, int e) {
        if (name.length() != e - s) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (b[s + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
