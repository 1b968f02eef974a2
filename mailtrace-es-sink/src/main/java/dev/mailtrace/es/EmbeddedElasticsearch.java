package dev.mailtrace.es;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;

/**
 * A single Elasticsearch node on this machine, for trying mailtrace out and for tests: the
 * {@linkplain EsDistribution distribution} (from the local Maven repository, else downloaded from
 * Maven Central and verified) started as a child process through
 * {@code org.elasticsearch.launcher.CliToolLauncher} on the running JVM's {@code java.home}, bound to
 * 127.0.0.1 on a port it picks, single-node, with its data kept in a work directory, so a later
 * start finds the documents again. Not for production: one node, no replicas, no security unless
 * {@linkplain Builder#https asked for}.
 *
 * <p>Elasticsearch refuses to run as root, so under root it runs as {@code nobody} (through
 * {@code setpriv}) in a work directory given to that user.
 *
 * <p><b>Shared.</b> Processes that {@link #start} a node on the same work directory share it: the
 * first starts it (11-15 s), the others find it by its pid and ports files and a health check and use
 * it; the last one to {@link #close} stops it. A pid file left by a node that died is cleaned up, and
 * a node whose user was killed is found and used again. A shutdown hook closes what is still open.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    /** Told how much of the distribution was downloaded. */
    @FunctionalInterface
    public interface DownloadProgress {
        /**
         * @param bytes downloaded so far
         * @param total the whole size, or -1 when the server did not say
         */
        void downloaded(long bytes, long total);
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** This JVM's users of each work directory: one shared file lock per directory, however many users. */
    private static final Map<Path, Users> USERS = new HashMap<>();
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    /** A private copy of the builder, never changed. */
    private final Builder config;
    private final Path workDir;
    private Thread hook;
    private boolean user;
    private boolean startedHere;
    private int port;

    /** The shared file lock of this JVM's users of one work directory. */
    private static final class Users {
        FileChannel channel;
        FileLock lock;
        int count;
    }

    private EmbeddedElasticsearch(Builder b) {
        this.config = b;
        this.workDir = b.workDir;
    }

    /** A node with data under the user's cache directory ({@link #defaultCacheDir()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** The Elasticsearch version the node runs. */
    public static String version() {
        return EsDistribution.VERSION;
    }

    /**
     * {@code $XDG_CACHE_HOME/mailtrace}, else {@code ~/.cache/mailtrace}; under root, where
     * {@code nobody} cannot reach it (a home directory of mode 700), {@code /var/cache/mailtrace}.
     */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("mailtrace");
        return isRoot() && !reachableByOthers(cache) ? Path.of("/var/cache/mailtrace") : cache;
    }

    /**
     * Starts the node, or joins the one already running on the same work directory. Installs the
     * distribution first if needed. Calling it again after {@link #stop()} starts the node again on
     * the same port.
     *
     * @throws IOException when the distribution cannot be had or the node does not come up (with the end of its log)
     */
    public EmbeddedElasticsearch start() throws IOException {
        synchronized (monitor()) {
            Path home = EsDistribution.install(config.cacheDir, config.localRepository, config.repository, config.progress);
            Files.createDirectories(workDir);
            try (FileChannel ch = lockFile("start.lock"); FileLock l = ch.lock()) {
                if (config.fresh && !user) {
                    stopNode();
                    EsDistribution.deleteTree(workDir.resolve("data"));
                    EsDistribution.deleteTree(workDir.resolve("conf"));
                }
                if (!reuse()) {
                    launch(home);
                    startedHere = true;
                }
                if (!user) {
                    join();
                }
            }
        }
        if (hook == null) {
            hook = new Thread(this::close, "stop-elasticsearch");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return this;
    }

    /** {@code http://127.0.0.1:PORT}, or {@code https://...} for a node {@linkplain Builder#https with security}. */
    public String url() {
        return (config.certificate != null ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** Whether this process started the node (false: it joined one that was running). */
    public boolean startedHere() {
        return startedHere;
    }

    /** Where the node keeps its configuration, data and logs. */
    public Path workDir() {
        return workDir;
    }

    /** The PEM certificate of a node {@linkplain Builder#https with security} (self-signed: its own CA), else null. */
    public Path caCertificate() {
        return config.certificate != null ? workDir.resolve("conf/http.crt") : null;
    }

    /** A connection to the node, with its certificate and credentials when it has security. */
    public EsConnection.Builder connection() {
        EsConnection.Builder b = EsConnection.builder(url());
        if (config.certificate != null) {
            b.caCertificate(caCertificate()).basicAuth(config.user, config.password);
        }
        return b;
    }

    /** Stops the node now (SIGTERM, killed after 30 s), whoever else uses it; the data stays for {@link #start()}. */
    public void stop() throws IOException {
        synchronized (monitor()) {
            try (FileChannel ch = lockFile("start.lock"); FileLock l = ch.lock()) {
                stopNode();
            }
        }
    }

    /** Leaves the node; the last process to leave stops it. */
    @Override
    public void close() {
        synchronized (monitor()) {
            if (!user) {
                return;
            }
            user = false;
            try (FileChannel ch = lockFile("start.lock"); FileLock l = ch.lock()) {
                Users u = USERS.get(workDir);
                if (--u.count > 0) {
                    return;
                }
                USERS.remove(workDir);
                u.lock.release();
                u.channel.close();
                try (FileChannel uc = lockFile("users.lock"); FileLock last = uc.tryLock()) {
                    if (last != null) {
                        stopNode();
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot stop Elasticsearch in [" + workDir + "]", e);
            }
        }
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    private Object monitor() {
        return MONITORS.computeIfAbsent(workDir, k -> new Object());
    }

    private FileChannel lockFile(String name) throws IOException {
        return FileChannel.open(workDir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** Counts this instance as a user: this JVM holds a shared lock on {@code users.lock} while it has any. */
    private void join() throws IOException {
        Users u = USERS.get(workDir);
        if (u == null) {
            u = new Users();
            u.channel = lockFile("users.lock");
            u.lock = u.channel.lock(0, Long.MAX_VALUE, true);
            USERS.put(workDir, u);
        }
        u.count++;
        user = true;
    }

    /** Uses the node running on the work directory, if there is one that answers; cleans up after one that died. */
    private boolean reuse() throws IOException {
        Optional<ProcessHandle> node = runningNode();
        if (node.isEmpty()) {
            Files.deleteIfExists(workDir.resolve("node.pid"));
            return false;
        }
        try {
            port = awaitPort(node.get());
            awaitHealth();
            return true;
        } catch (IOException e) {
            stopNode(); // there, but not answering: start afresh
            return false;
        }
    }

    /** The node process of the pid file, if it still runs (a pid reused by another program does not count). */
    private Optional<ProcessHandle> runningNode() throws IOException {
        Path pidFile = workDir.resolve("node.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains(workDir.toString()));
    }

    private void stopNode() throws IOException {
        Optional<ProcessHandle> node = runningNode();
        if (node.isPresent()) {
            List<ProcessHandle> tree = new ArrayList<>(node.get().descendants().toList());
            node.get().destroy();
            try {
                node.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                node.get().destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.get().destroyForcibly();
            }
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        Files.deleteIfExists(workDir.resolve("node.pid"));
        Files.deleteIfExists(workDir.resolve("logs/http.ports"));
    }

    private void launch(Path home) throws IOException {
        Path conf = workDir.resolve("conf");
        if (!Files.isDirectory(conf)) {
            Files.createDirectories(conf.resolve("jvm.options.d"));
            for (String f : List.of("jvm.options", "log4j2.properties", "roles.yml", "users", "users_roles", "role_mapping.yml")) {
                Files.copy(home.resolve("config").resolve(f), conf.resolve(f));
            }
            if (config.certificate != null) {
                Files.copy(config.certificate, conf.resolve("http.crt"));
                Files.copy(config.key, conf.resolve("http.key"));
                // a file-realm user ({SHA} hash: this package has no elasticsearch-users tool)
                Files.writeString(conf.resolve("users"), config.user + ":{SHA}" + sha1Base64(config.password) + "\n");
                Files.writeString(conf.resolve("users_roles"), "superuser:" + config.user + "\n");
            }
        }
        for (String d : List.of("data", "logs", "tmp")) {
            Files.createDirectories(workDir.resolve(d));
        }
        Files.writeString(conf.resolve("elasticsearch.yml"), yml(), StandardCharsets.UTF_8);
        Files.deleteIfExists(workDir.resolve("logs/http.ports"));
        giveToNobody();

        List<String> cmd = new ArrayList<>();
        if (isRoot()) {
            cmd.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        String java = System.getProperty("java.home");
        cmd.add(Path.of(java, "bin", "java").toString());
        cmd.addAll(List.of("-Xms4m", "-Xmx64m", "-XX:+UseSerialGC", "-Dcli.name=server", "-Dcli.script=" + home.resolve("bin/elasticsearch"),
                "-Dcli.libs=lib/tools/server-cli", "-Des.path.home=" + home, "-Des.path.conf=" + conf,
                "-Des.distribution.type=tar", "-Des.java.type=user",
                "-cp", home.resolve("lib") + "/*:" + home.resolve("lib/cli-launcher") + "/*",
                "org.elasticsearch.launcher.CliToolLauncher"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("console.log").toFile());
        pb.environment().put("ES_TMPDIR", workDir.resolve("tmp").toString());
        pb.environment().put("ES_JAVA_OPTS", "-Xms" + config.heap + " -Xmx" + config.heap + " -XX:-AlwaysPreTouch");
        pb.environment().put("ES_JAVA_HOME", java);
        Process process = pb.start();
        Files.writeString(workDir.resolve("node.pid"), Long.toString(process.pid()));
        try {
            port = awaitPort(process.toHandle());
            awaitHealth();
        } catch (IOException e) {
            stopNode();
            throw e;
        }
    }

    private String yml() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("cluster.name", "mailtrace-" + config.name);
        s.put("node.name", config.name);
        s.put("path.data", workDir.resolve("data").toString());
        s.put("path.logs", workDir.resolve("logs").toString());
        s.put("network.host", "127.0.0.1");
        s.put("http.port", Integer.toString(port)); // 0 the first time; the same port when started again
        s.put("transport.port", "0");
        s.put("discovery.type", "single-node");
        s.put("node.portsfile", "true");
        s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        s.put("xpack.security.enabled", Boolean.toString(config.certificate != null));
        if (config.certificate != null) {
            s.put("xpack.security.http.ssl.enabled", "true");
            s.put("xpack.security.http.ssl.certificate", "http.crt");
            s.put("xpack.security.http.ssl.key", "http.key");
            s.put("xpack.security.transport.ssl.enabled", "false");
            s.put("xpack.security.authc.realms.file.file1.order", "0");
        }
        s.putAll(config.settings);
        StringBuilder y = new StringBuilder();
        s.forEach((k, v) -> y.append(k).append(": ").append(v).append('\n'));
        return y.toString();
    }

    private int awaitPort(ProcessHandle node) throws IOException {
        Path ports = workDir.resolve("logs/http.ports");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(ports)) {
                Optional<String> first = Files.readAllLines(ports).stream().filter(l -> l.startsWith("127.0.0.1:")).findFirst();
                if (first.isPresent()) {
                    return Integer.parseInt(first.get().substring(first.get().lastIndexOf(':') + 1).trim());
                }
            }
            if (!node.isAlive()) {
                throw new IOException("Elasticsearch in [" + workDir + "] exited: " + tail());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while Elasticsearch was starting");
            }
        }
        throw new IOException("Elasticsearch in [" + workDir + "] did not open its HTTP port within " + START_TIMEOUT.toSeconds()
                + " s: " + tail());
    }

    private void awaitHealth() throws IOException {
        ElasticsearchClient client = connection().build().open();
        try {
            client.cluster().health(h -> h.waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("60s")));
        } catch (IOException | RuntimeException e) {
            throw new IOException("Elasticsearch at " + url() + " is not healthy: " + e.getMessage(), e);
        } finally {
            client._transport().close();
        }
    }

    private String tail() throws IOException {
        Path console = workDir.resolve("console.log");
        if (!Files.exists(console)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private void giveToNobody() throws IOException {
        if (!isRoot()) {
            return;
        }
        if (!reachableByOthers(workDir)) {
            throw new IOException("Elasticsearch refuses to run as root and runs as nobody here, who cannot reach [" + workDir
                    + "]: choose a directory every user can traverse (e.g. XDG_CACHE_HOME=/var/cache)");
        }
        UserPrincipalLookupService users = workDir.getFileSystem().getUserPrincipalLookupService();
        var nobody = users.lookupPrincipalByName("nobody");
        var nogroup = users.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> all = Files.walk(workDir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                v.setOwner(nobody);
                v.setGroup(nogroup);
            }
        }
    }

    /** Whether every existing directory on the way to {@code dir} lets other users through. */
    private static boolean reachableByOthers(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            try {
                if (Files.isDirectory(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String sha1Base64(String password) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    /** Configures an {@link EmbeddedElasticsearch}. */
    public static final class Builder {
        private Path cacheDir = defaultCacheDir();
        private Path workDir;
        private Path localRepository = defaultLocalRepository();
        private URI repository = EsDistribution.CENTRAL;
        private DownloadProgress progress = (bytes, total) -> { };
        private String name = "embedded";
        private String heap = "512m";
        private boolean fresh;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Path certificate;
        private Path key;
        private String user;
        private String password;

        private Builder() {
        }

        private static Path defaultLocalRepository() {
            String property = System.getProperty("maven.repo.local");
            return property != null ? Path.of(property) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        }

        /** Where the distribution is unpacked and, unless {@link #workDir} says otherwise, the node's data is kept. */
        public Builder cacheDir(Path dir) {
            this.cacheDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The node's configuration, data and logs. Default: {@code elasticsearch-node} in the cache directory. */
        public Builder workDir(Path dir) {
            this.workDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The local Maven repository looked in first. Default: {@code maven.repo.local}, else {@code ~/.m2/repository}. */
        public Builder localRepository(Path dir) {
            this.localRepository = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The Maven repository downloaded from. Default: Maven Central. */
        public Builder repository(URI base) {
            String s = Objects.requireNonNull(base, "base").toString();
            this.repository = URI.create(s.endsWith("/") ? s : s + "/");
            return this;
        }

        /** Told how the download goes, when there is one. */
        public Builder progress(DownloadProgress p) {
            this.progress = Objects.requireNonNull(p, "p");
            return this;
        }

        /** The node's name; the cluster is {@code mailtrace-NAME}. Default {@code embedded}. */
        public Builder name(String n) {
            this.name = Objects.requireNonNull(n, "n");
            return this;
        }

        /** The node's Java heap ({@code -Xms} and {@code -Xmx}). Default {@code 512m}. */
        public Builder heap(String size) {
            this.heap = Objects.requireNonNull(size, "size");
            return this;
        }

        /** An {@code elasticsearch.yml} setting. */
        public Builder setting(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Start empty: stop a node still running on the work directory and delete its data and configuration first. */
        public Builder fresh(boolean f) {
            this.fresh = f;
            return this;
        }

        /**
         * Security on: https with this certificate and key (PEM; the certificate is also the CA
         * clients verify against) and basic auth for one superuser. Takes effect when the work
         * directory is new.
         */
        public Builder https(Path certificatePem, Path keyPem, String user, String password) {
            this.certificate = Objects.requireNonNull(certificatePem, "certificatePem");
            this.key = Objects.requireNonNull(keyPem, "keyPem");
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The node; {@link EmbeddedElasticsearch#start()} starts it. */
        public EmbeddedElasticsearch build() {
            Builder c = new Builder();
            c.cacheDir = cacheDir.toAbsolutePath().normalize(); // the node runs in its own directory: no relative paths
            c.workDir = (workDir != null ? workDir : c.cacheDir.resolve("elasticsearch-node")).toAbsolutePath().normalize();
            c.localRepository = localRepository;
            c.repository = repository;
            c.progress = progress;
            c.name = name;
            c.heap = heap;
            c.fresh = fresh;
            c.settings.putAll(settings);
            c.certificate = certificate;
            c.key = key;
            c.user = user;
            c.password = password;
            return new EmbeddedElasticsearch(c);
        }
    }
}
