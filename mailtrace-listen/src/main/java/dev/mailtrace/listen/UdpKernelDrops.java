package dev.mailtrace.listen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Datagrams the kernel dropped because a UDP socket's receive buffer was full, before the listener
 * could read them: the {@code drops} column of Linux's {@code /proc/net/udp} and {@code /proc/net/udp6}
 * for the sockets bound to a port. Elsewhere (no such files) the count is -1: unknown.
 */
final class UdpKernelDrops {

    static final Path UDP = Path.of("/proc/net/udp");
    static final Path UDP6 = Path.of("/proc/net/udp6");

    private UdpKernelDrops() {
    }

    /** The kernel's drops of the sockets bound to {@code port}, from both tables; -1 where the system has neither. */
    static long read(int port) {
        long udp = read(UDP, port);
        long udp6 = read(UDP6, port);
        return udp < 0 && udp6 < 0 ? -1 : Math.max(0, udp) + Math.max(0, udp6);
    }

    private static long read(Path table, int port) {
        try {
            return parse(Files.readString(table, StandardCharsets.US_ASCII), port);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            return -1; // unreadable (a restricted /proc): unknown, as elsewhere
        }
    }

    /**
     * Sums the {@code drops} column (the last) of the rows whose local address has port {@code port}
     * (hexadecimal after the colon: {@code 0100007F:1414}); the header row is skipped.
     */
    static long parse(String table, int port) {
        long drops = 0;
        for (String row : table.split("\n")) {
            String[] f = row.trim().split("\\s+");
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
            if (f.length < 13 || !f[0].endsWith(":")) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            try {
                if (colon >= 0 && Integer.parseInt(f[1].substring(colon + 1), 16) == port) {
                    drops += Long.parseLong(f[f.length - 1]);
                }
            } catch (NumberFormatException e) {
                // not a socket row
            }
        }
        return drops;
    }
}
