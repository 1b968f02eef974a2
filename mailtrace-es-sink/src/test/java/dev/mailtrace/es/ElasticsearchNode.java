package dev.mailtrace.es;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Elasticsearch node for integration tests: the distribution the build unpacked
 * ({@code mailtrace.es.home}, from {@code org.elasticsearch.distribution.integ-test-zip}), started as
 * a child process through {@code org.elasticsearch.launcher.CliToolLauncher} (no shell scripts), on
 * 127.0.0.1 with an ephemeral port read from {@code node.portsfile}, single-node, 256 MB heap.
 *
 * <p>Elasticsearch refuses to run as root, so under root (CI, this machine) it runs as {@code nobody}
 * through {@code setpriv}, in a work directory owned by that user. A node left running by a killed
 * test JVM is found by its pid file and killed at the next start; a shutdown hook stops nodes of
 * this JVM. Tests are skipped (assumption) when the distribution is absent, i.e. outside Maven.
 */
public final class ElasticsearchNode implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static ElasticsearchNode shared;

    private final String name;
    private final Path workDir;
    private final Map<String, String> settings;
    private final boolean tls;
    private Process process;
    private int port;

    private ElasticsearchNode(String name, Map<String, String> settings, boolean tls) {
        this.name = name;
        this.settings = settings;
        this.tls = tls;
        this.workDir = Path.of(System.getProperty("mailtrace.es.work", "target/es-nodes")).toAbsolutePath().resolve(name);
    }

    /** The node shared by the test classes of this JVM (plain http, no security), started on first use. */
    public static synchronized ElasticsearchNode shared() {
        if (shared == null) {
            shared = start("shared", Map.of(), false);
        }
        return shared;
    }

    /**
     * Starts a node of its own.
     *
     * @param name its work directory under {@code target/es-nodes}
     * @param settings extra elasticsearch.yml settings
     * @param tls https with a self-signed certificate and basic auth (user {@code mailtrace}, password {@code mailtrace-secret})
     */
    public static ElasticsearchNode start(String name, Map<String, String> settings, boolean tls) {
        ElasticsearchNode n = new ElasticsearchNode(name, settings, tls);
        n.start();
        Runtime.getRuntime().addShutdownHook(new Thread(n::close, "stop-es-" + name));
        return n;
    }

    static Path home() {
        String home = System.getProperty("mailtrace.es.home");
        assumeTrue(home != null && Files.isDirectory(Path.of(home, "lib")),
                "no Elasticsearch distribution (mailtrace.es.home=" + home + "); run through Maven (mvn verify)");
        return Path.of(home).toAbsolutePath();
    }

    /** {@code http://127.0.0.1:PORT} or {@code https://...}. */
    public String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** The PEM CA certificate of a TLS node (self-signed: the certificate itself). */
    public Path caCertificate() {
        return workDir.resolve("conf/http.crt");
    }

    public int port() {
        return port;
    }

    /** Starts again after {@link #stop()}, with the same data and port if it is free. */
    public synchronized void start() {
        Path home = home();
        try {
            killLeftover();
            boolean fresh = process == null;
            if (fresh) {
                deleteTree(workDir);
                Files.createDirectories(workDir.resolve("data"));
                Files.createDirectories(workDir.resolve("logs"));
                Files.createDirectories(workDir.resolve("tmp"));
                Path conf = Files.createDirectories(workDir.resolve("conf"));
                for (String f : List.of("jvm.options", "log4j2.properties", "roles.yml", "users", "users_roles", "role_mapping.yml")) {
                    Files.copy(home.resolve("config").resolve(f), conf.resolve(f));
                }
                Files.createDirectories(conf.resolve("jvm.options.d"));
                if (tls) {
                    TestCertificates.selfSigned(conf.resolve("http.crt"), conf.resolve("http.key"), workDir.resolve("tmp"));
                    // a file-realm user ({SHA} hash: this package has no elasticsearch-users tool)
                    byte[] sha = java.security.MessageDigest.getInstance("SHA-1").digest("mailtrace-secret".getBytes(StandardCharsets.UTF_8));
                    Files.writeString(conf.resolve("users"), "mailtrace:{SHA}" + java.util.Base64.getEncoder().encodeToString(sha) + "\n");
                    Files.writeString(conf.resolve("users_roles"), "superuser:mailtrace\n");
                }
            }
            Files.writeString(workDir.resolve("conf/elasticsearch.yml"), yml(port), StandardCharsets.UTF_8);
            Files.deleteIfExists(workDir.resolve("logs/http.ports"));
            giveToNobody();
            process = launch(home, "server", "lib/tools/server-cli", List.of(), workDir.resolve("console.log"));
            Files.writeString(workDir.resolve("node.pid"), Long.toString(process.pid()));
            port = awaitPort();
            awaitYellow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Elasticsearch in " + workDir, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String yml(int fixedPort) {
        StringBuilder y = new StringBuilder();
        y.append("cluster.name: mailtrace-test-").append(name).append('\n');
        y.append("node.name: ").append(name).append('\n');
        y.append("path.data: ").append(workDir.resolve("data")).append('\n');
        y.append("path.logs: ").append(workDir.resolve("logs")).append('\n');
        y.append("network.host: 127.0.0.1\n");
        y.append("http.port: ").append(fixedPort).append('\n');
        y.append("transport.port: 0\n");
        y.append("discovery.type: single-node\n");
        y.append("node.portsfile: true\n");
        y.append("cluster.routing.allocation.disk.threshold_enabled: false\n");
        y.append("xpack.security.enabled: ").append(tls).append('\n');
        if (tls) {
            y.append("xpack.security.http.ssl.enabled: true\n");
            y.append("xpack.security.http.ssl.certificate: http.crt\n");
            y.append("xpack.security.http.ssl.key: http.key\n");
            y.append("xpack.security.transport.ssl.enabled: false\n");
            y.append("xpack.security.authc.realms.file.file1.order: 0\n");
        }
        settings.forEach((k, v) -> y.append(k).append(": ").append(v).append('\n'));
        return y.toString();
    }

    private Process launch(Path home, String cli, String libs, List<String> args, Path output) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (isRoot()) {
            cmd.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms4m", "-Xmx64m", "-XX:+UseSerialGC", "-Dcli.name=" + cli, "-Dcli.script=" + home.resolve("bin/elasticsearch"),
                "-Dcli.libs=" + libs, "-Des.path.home=" + home, "-Des.path.conf=" + workDir.resolve("conf"),
                "-Des.distribution.type=tar", "-Des.java.type=user",
                "-cp", home.resolve("lib") + "/*:" + home.resolve("lib/cli-launcher") + "/*",
                "org.elasticsearch.launcher.CliToolLauncher"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().put("ES_TMPDIR", workDir.resolve("tmp").toString());
        pb.environment().put("ES_JAVA_OPTS", "-Xms256m -Xmx256m -XX:-AlwaysPreTouch");
        pb.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    private int awaitPort() throws IOException {
        Path ports = workDir.resolve("logs/http.ports");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(ports)) {
                String first = Files.readAllLines(ports).stream().filter(l -> l.startsWith("127.0.0.1:")).findFirst().orElse(null);
                if (first != null) {
                    return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("Elasticsearch exited with " + process.exitValue() + ": " + tail());
            }
            sleep(200);
        }
        throw new IOException("Elasticsearch did not open its HTTP port within " + START_TIMEOUT + ": " + tail());
    }

    private void awaitYellow() throws IOException {
        HttpClient http = TestCertificates.httpClient(tls ? caCertificate() : null);
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=60s"))
                .timeout(Duration.ofSeconds(90));
        if (tls) {
            rb.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString("mailtrace:mailtrace-secret".getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("cluster health: HTTP " + r.statusCode() + " " + r.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(workDir.resolve("console.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** Stops the node (SIGTERM, then kill after 30 s), keeping its data for {@link #start()}. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** Stops the node. */
    @Override
    public synchronized void close() {
        stop();
    }

    /** Kills the node a killed test JVM left behind in this work directory (its CLI and server processes). */
    private void killLeftover() throws IOException {
        Path pidFile = workDir.resolve("node.pid");
        if (process != null || !Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> old = ProcessHandle.of(pid);
        if (old.isPresent() && old.get().info().commandLine().orElse("").contains(workDir.toString())) {
            old.get().descendants().forEach(ProcessHandle::destroyForcibly);
            old.get().destroyForcibly();
            old.get().onExit().join();
        }
        Files.delete(pidFile);
    }

    private void giveToNobody() throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService users = workDir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = users.lookupPrincipalByName("nobody");
        GroupPrincipal nogroup = users.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> all = Files.walk(workDir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                v.setOwner(nobody);
                v.setGroup(nogroup);
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
