package dev.mailtrace.trace;

import java.util.Locale;

/**
 * Reads the relay of a delivery attempt as MTAs log it ({@code mx.example.net[192.0.2.1]:25},
 * {@code mbox1.example.net[private/dovecot-lmtp]}, {@code 127.0.0.1[127.0.0.1]:10024},
 * {@code local}, {@code none}, sendmail's {@code mx.example.net. [192.0.2.1]}) into what linking
 * needs: a host name, an address, and whether it stays on the same host.
 */
final class Relays {

    /** Where a relay is. */
    enum Place {
        /** No relay ({@code none}, absent). */
        NONE,
        /** The same host over the network: a loopback address or {@code localhost} (content filters). */
        LOOPBACK,
        /** The same host without network: a socket or a local transport (LMTP over a UNIX socket, local, virtual, pipe). */
        LOCAL,
        /** Another host. */
        REMOTE
    }

    /** A relay read. */
    record Relay(String name, String ip, Place place) {
    }

    private static final Relay NONE = new Relay(null, null, Place.NONE);

    private Relays() {
    }

    /** Only where a relay is, without allocating. */
    static Place place(String relay) {
        if (relay == null || relay.isEmpty() || relay.equals("none")) {
            return Place.NONE;
        }
        int open = relay.indexOf('[');
        int close = open < 0 ? -1 : relay.indexOf(']', open);
        if (open < 0 || close < 0) {
            if (relay.indexOf('.') < 0) {
                return relay.trim().equalsIgnoreCase("localhost") ? Place.LOOPBACK : Place.LOCAL;
            }
            return Place.REMOTE;
        }
        int from = open + 1;
        if (relay.regionMatches(true, from, "ipv6:", 0, 5)) {
            from += 5;
        }
        if (!isIp(relay, from, close)) {
            return Place.LOCAL;
        }
        boolean loopback = relay.startsWith("127.", from) || close - from == 3 && relay.startsWith("::1", from)
                || relay.regionMatches(true, from, "::ffff:127.", 0, 11)
                || open == 9 && relay.regionMatches(true, 0, "localhost", 0, 9);
        return loopback ? Place.LOOPBACK : Place.REMOTE;
    }

    static Relay parse(String relay) {
        if (relay == null || relay.isEmpty() || relay.equals("none")) {
            return NONE;
        }
        int open = relay.indexOf('[');
        int close = open < 0 ? -1 : relay.indexOf(']', open);
        if (open < 0 || close < 0) {
            // a bare transport or host name
            String name = relay.trim();
            if (name.indexOf('.') < 0) {
                return new Relay(name, null, name.equalsIgnoreCase("localhost") ? Place.LOOPBACK : Place.LOCAL);
            }
            return new Relay(stripDot(name), null, Place.REMOTE);
        }
        String name = stripDot(relay.substring(0, open).trim());
        String inside = relay.substring(open + 1, close);
        if (inside.regionMatches(true, 0, "ipv6:", 0, 5)) {
            inside = inside.substring(5);
        }
        if (!isIp(inside)) {
            return new Relay(name.isEmpty() ? null : name, null, Place.LOCAL);
        }
        boolean loopback = isLoopback(inside) || name.equalsIgnoreCase("localhost");
        return new Relay(name.isEmpty() ? null : name, inside, loopback ? Place.LOOPBACK : Place.REMOTE);
    }

    static boolean isIp(String s) {
        return isIp(s, 0, s.length());
    }

    static boolean isIp(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        boolean colon = s.indexOf(':', from) >= 0 && s.indexOf(':', from) < to;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c == '.'
                    || colon && (c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        int dot = s.indexOf('.', from);
        return colon || dot > from && dot < to;
    }

    static boolean isLoopback(String ip) {
        return ip != null && (ip.startsWith("127.") || ip.equals("::1") || ip.equalsIgnoreCase("::ffff:127.0.0.1"));
    }

    /**
     * Whether a host name as logged by a relay or a client ({@code mbox1.corp.example.net}) names
     * a syslog host ({@code mbox1} or {@code mbox1.corp.example.net}): equal, or equal first labels,
     * ignoring case.
     */
    static boolean sameHost(String name, String host) {
        if (name == null || host == null || name.isEmpty() || host.isEmpty() || name.equalsIgnoreCase("unknown")) {
            return false;
        }
        if (name.equalsIgnoreCase(host)) {
            return true;
        }
        return firstLabel(name).equalsIgnoreCase(firstLabel(host));
    }

    static String firstLabel(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    static String key(String host) {
        return firstLabel(host).toLowerCase(Locale.ROOT);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
