package dev.mailtrace.listen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.spi.DialectRegistry;

/** TLS (RFC 5425) with a certificate made by openssl for the test; skipped where openssl is absent. */
class TlsTest {

    @TempDir
    Path dir;
    Path cert;
    Path key;

    @BeforeEach
    void certificate() throws Exception {
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                    "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        } catch (IOException e) {
            p = null;
        }
        assumeTrue(p != null && p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(key),
                "openssl is needed to make the test certificate");
    }

    SSLContext client(boolean withCertificate) throws Exception {
        Certificate c;
        try (InputStream in = Files.newInputStream(cert)) {
            c = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", c);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withCertificate) {
            String pem = Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey pk = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", pk, new char[0], new Certificate[] {c});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static void send(SSLContext ctx, InetSocketAddress to, byte[] stream) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(to.getAddress(), to.getPort())) {
            s.startHandshake();
            OutputStream o = s.getOutputStream();
            o.write(stream);
            o.flush();
        }
    }

    @Test
    void messagesOverTlsGiveWhatTraceGives() throws Exception {
        List<String> lines = ListenerTest.exampleLines();
        Path out = dir.resolve("out.ndjson");
        try (Listener l = Listener.builder(DialectRegistry.load()).zone(ListenerTest.UTC).spool(dir.resolve("spool")).out(out)
                .tls(cert, key, null).endpoint(Endpoint.parse(Protocol.TLS, "0")).start()) {
            send(client(false), ListenerTest.address(l, Protocol.TLS), Syslog.mixedFraming(lines, new Random(11)));
            ListenerTest.waitFor(() -> l.metrics().received(Protocol.TLS) == lines.size());
            assertThat(l.awaitProcessed(Duration.ofSeconds(20))).isTrue();
        }
        assertThat(Files.readString(out)).isEqualTo(ListenerTest.traceJson(lines, false));
    }

    @Test
    void aRequiredClientCertificateIsChecked() throws Exception {
        try (Listener l = Listener.builder(DialectRegistry.load()).zone(ListenerTest.UTC).spool(dir.resolve("spool"))
                .out(dir.resolve("out")).tls(cert, key, cert).endpoint(Endpoint.parse(Protocol.TLS, "0")).start()) {
            InetSocketAddress at = ListenerTest.address(l, Protocol.TLS);
            byte[] one = "<13>Nov 24 10:04:01 h p: one\n".getBytes(UTF_8);
            try {
                send(client(false), at, one); // TLS 1.3: the refusal may come after the client's write
            } catch (IOException refused) {
                // TLS 1.2, or the alert came in time
            }
            send(client(true), at, one);
            ListenerTest.waitFor(() -> l.metrics().received(Protocol.TLS) >= 1);
            Thread.sleep(200);
            assertThat(l.metrics().received(Protocol.TLS)).as("only the client with a certificate").isEqualTo(1);
        }
    }

    @Test
    void aBadCertificateFailsAtStartNamingTheFiles() throws Exception {
        Files.writeString(key, "not a key");
        assertThatThrownBy(() -> Listener.builder(DialectRegistry.load()).spool(dir.resolve("spool")).out(dir.resolve("out"))
                .tls(cert, key, null).endpoint(Endpoint.parse(Protocol.TLS, "0")).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key.pem");
    }
}
