package dev.mailtrace.listen;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A network such as {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a single address, for
 * restricting senders ({@code --allow}). An IPv4 network also matches IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.1.2.3}), as a dual-stack socket reports IPv4 senders.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code ADDR/PREFIX} or {@code ADDR} (numeric addresses only, never a DNS lookup).
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static Cidr parse(String s) {
        Objects.requireNonNull(s, "s");
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (addr.isEmpty() || !(addr.indexOf(':') >= 0 || addr.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("not a network [" + s + "]: expected ADDR/PREFIX with a numeric address,"
                    + " e.g. 10.0.0.0/8 or 2001:db8::/32");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a network [" + s + "]: bad address", e);
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("not a network [" + s + "]: prefix must be in [0, " + max + "]");
            }
        }
        return new Cidr(bytes, prefix, s);
    }

    /** Whether {@code address} lies in this network. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = java.util.Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    @Override
    public String toString() {
        return text;
    }
}
