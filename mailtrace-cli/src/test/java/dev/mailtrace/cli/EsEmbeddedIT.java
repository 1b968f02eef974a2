package dev.mailtrace.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mailtrace.es.EmbeddedElasticsearch;

/**
 * {@code --es embedded}, the default of {@code index} and {@code search} without a URL, as a user runs
 * it: real {@code mailtrace} processes with their own cache directory ({@code XDG_CACHE_HOME}); the
 * distribution comes from the local Maven repository. {@code index} starts the node and stops it at
 * its exit; a stale pid file is cleaned up; {@code search} without {@code --es} joins the node running
 * again on the same data, finds the documents and leaves it running.
 */
class EsEmbeddedIT {

    private static final String NOTICE = "meant for trying mailtrace out; in production point --es";

    static Path cache;

    @BeforeAll
    static void cacheDir() throws IOException {
        String repo = System.getProperty("maven.repo.local");
        assumeTrue(repo != null, "no maven.repo.local: run through Maven (mvn verify)");
        Files.createDirectories(Path.of("target"));
        // not a @TempDir: that is private to root, and the node runs as nobody under root
        cache = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "embedded-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** The distribution unpacked and the node's data: over 100 MB, not left behind. */
    @AfterAll
    static void deleteCache() throws IOException {
        if (cache != null) {
            try (Stream<Path> all = Files.walk(cache)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    record Run(int status, String out, String err) {
    }

    /** {@code mailtrace ARGS} in a child JVM, no {@code $MAILTRACE_ES_URL}, the cache directory of this test. */
    private static Run mailtrace(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"), "-cp", System.getProperty("java.class.path"),
                MailtraceCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove("MAILTRACE_ES_URL");
        env.put("XDG_CACHE_HOME", cache.toString());
        Process p = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("mailtrace %s within 180 s", List.of(args)).isTrue();
        return new Run(p.exitValue(), out, err.get());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void indexThenSearchOnTheEmbeddedNode() throws Exception {
        Path log = Files.write(cache.resolve("maillog"), Files.readAllLines(Path.of("../examples/logs/mail.log")));
        Path node = cache.resolve("mailtrace/elasticsearch-node");

        Run index = mailtrace("index", "--es", "embedded", "--tz", "UTC", "--year", "2026", "--finish", "--checkpoint",
                cache.resolve("index.checkpoint").toString(), log.toString());
        assertThat(index.status()).as(index.err()).isZero();
        assertThat(count(index.err(), NOTICE)).as(index.err()).isEqualTo(1);
        assertThat(index.err()).contains("mailtrace index: using an embedded Elasticsearch " + EmbeddedElasticsearch.version())
                .contains(node.toString()).contains("documents indexed, 0 retried, 0 failed");
        assertThat(node.resolve("node.pid")).as("stopped at the end of index").doesNotExist();

        // a pid file left by a killed run, its pid now another program's (this JVM): cleaned up, never signalled
        Files.writeString(node.resolve("node.pid"), Long.toString(ProcessHandle.current().pid()));
        // the node running again (a concurrent 'listen --es embedded', say): joined, left running, the documents still there
        String expected = Cli.run("trace", "--tz", "UTC", "--year", "2026", "--format", "json", log.toString()).out();
        try (EmbeddedElasticsearch running = EmbeddedElasticsearch.builder().cacheDir(cache.resolve("mailtrace")).build().start()) {
            assertThat(running.startedHere()).isTrue();
            long pid = Long.parseLong(Files.readString(node.resolve("node.pid")).trim());
            assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
            Run search = mailtrace("search", "--tz", "UTC", "--format", "json"); // no --es at all: embedded is the default
            assertThat(search.status()).as(search.err()).isZero();
            assertThat(count(search.err(), NOTICE)).isEqualTo(1);
            assertThat(search.out().lines().sorted().toList()).isEqualTo(expected.lines().sorted().toList()).isNotEmpty();
            assertThat(Files.readString(node.resolve("node.pid")).trim()).as("the same node, no start of its own").isEqualTo(Long.toString(pid));
            assertThat(ProcessHandle.of(pid)).as("still running").hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
        }
        assertThat(node.resolve("node.pid")).as("the last user stopped it").doesNotExist();
    }
}
