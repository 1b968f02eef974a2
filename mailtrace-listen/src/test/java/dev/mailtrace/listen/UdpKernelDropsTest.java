package dev.mailtrace.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.spi.DialectRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** The kernel's UDP receive-buffer drops: the /proc format, a real flooded socket, and the exported metric. */
class UdpKernelDropsTest {

    @TempDir
    Path dir;

    /** Rows as Linux 6.1 writes them (udp and udp6), ports 5140 = 0x1414 and 53 = 0x35. */
    static final String UDP = """
               sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              123: 0100007F:1414 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 17
              124: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4243 2 0000000000000000 99
            """;
    static final String UDP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              310: 00000000000000000000000001000000:1414 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4244 2 0000000000000000 3
            """;

    @Test
    void readsTheDropsColumnOfTheBoundPort() {
        assertThat(UdpKernelDrops.parse(UDP, 5140)).isEqualTo(17);
        assertThat(UdpKernelDrops.parse(UDP, 53)).isEqualTo(99);
        assertThat(UdpKernelDrops.parse(UDP6, 5140)).isEqualTo(3);
        assertThat(UdpKernelDrops.parse(UDP, 514)).isZero();
        assertThat(UdpKernelDrops.parse("garbage\n1: x:y z\n", 514)).isZero();
    }

    @Test
    void countsWhatAFloodedSocketWithATinyBufferDrops() throws Exception {
        assumeTrue(Files.isReadable(UdpKernelDrops.UDP), "no /proc/net/udp: not Linux");
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket sender = new DatagramSocket()) {
            receiver.setReceiveBufferSize(1024); // the kernel's minimum; nobody reads it
            int port = receiver.getLocalPort();
            assertThat(UdpKernelDrops.read(port)).isZero();
            byte[] b = new byte[512];
            for (int i = 0; i < 2000; i++) {
                sender.send(new DatagramPacket(b, b.length, receiver.getLocalSocketAddress()));
            }
            ListenerTest.waitFor(() -> UdpKernelDrops.read(port) > 1000, () -> "drops " + UdpKernelDrops.read(port));
        }
    }

    @Test
    void exportedPerUdpPort() throws Exception {
        try (Listener l = Listener.builder(DialectRegistry.load()).spool(dir).endpoint(Endpoint.parse(Protocol.UDP, "0"))
                .endpoint(Endpoint.parse(Protocol.TCP, "0")).start()) {
            int port = ListenerTest.address(l, Protocol.UDP).getPort();
            MetricSnapshot m = l.metrics().registry().scrape().stream()
                    .filter(s -> s.getMetadata().getName().equals("mailtrace_listen_udp_kernel_dropped")).findFirst().orElseThrow();
            if (Files.isReadable(UdpKernelDrops.UDP)) {
                assertThat(((CounterSnapshot) m).getDataPoints()).singleElement().satisfies(p -> {
                    assertThat(p.getLabels().get("port")).isEqualTo(Integer.toString(port));
                    assertThat(p.getValue()).isZero();
                });
                assertThat(l.metrics().udpKernelDrops()).isZero();
            } else {
                assertThat(l.metrics().udpKernelDrops()).isEqualTo(-1);
            }
        }
    }
}
