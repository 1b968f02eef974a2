package dev.mailtrace.listen;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Random;

/** A syslog sender for tests: frames messages as rsyslog and others do, over real sockets. */
final class Syslog {

    private Syslog() {
    }

    /** {@code msgs} framed, each with a framing chosen by {@code rnd}: octet-counted, LF, CRLF or NUL. */
    static byte[] mixedFraming(List<String> msgs, Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String m : msgs) {
            frame(out, m.getBytes(UTF_8), rnd.nextInt(4));
        }
        return out.toByteArray();
    }

    /** Appends {@code msg} framed as {@code framing} says: 0 octet-counted, 1 LF, 2 CRLF, 3 NUL. */
    static void frame(ByteArrayOutputStream out, byte[] msg, int framing) {
        switch (framing) {
            case 0 -> {
                out.writeBytes((msg.length + " ").getBytes(UTF_8));
                out.writeBytes(msg);
            }
            case 1 -> {
                out.writeBytes(msg);
                out.write('\n');
            }
            case 2 -> {
                out.writeBytes(msg);
                out.write('\r');
                out.write('\n');
            }
            default -> {
                out.writeBytes(msg);
                out.write(0);
            }
        }
    }

    /** Sends {@code stream} over one TCP connection in random-sized writes, then closes it. */
    static void tcp(InetSocketAddress to, byte[] stream, Random rnd) throws IOException {
        try (Socket s = new Socket(to.getAddress(), to.getPort())) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < stream.length;) {
                int n = Math.min(stream.length - i, 1 + rnd.nextInt(8192));
                out.write(stream, i, n);
                i += n;
            }
            out.flush();
        }
    }

    /** Sends each message as one datagram. */
    static void udp(InetSocketAddress to, List<String> msgs) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            for (String m : msgs) {
                byte[] b = m.getBytes(UTF_8);
                s.send(new DatagramPacket(b, b.length, to));
            }
        }
    }
}
