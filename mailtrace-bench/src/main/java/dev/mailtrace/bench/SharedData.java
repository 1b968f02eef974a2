package dev.mailtrace.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the third-party corpora and pattern files live: {@code ../shared} beside the checkout, never
 * copied into the project (see {@code corpora/PROVENANCE.md} there).
 *
 * <p>The directory is the system property {@value #PROPERTY} if set, else the first of
 * {@code ../shared} (run from the checkout, as the benchmarks are) and {@code ../../shared} (run
 * from a module directory, as surefire does) that exists.
 */
public final class SharedData {

    /** System property naming the shared directory. */
    public static final String PROPERTY = "mailtrace.shared.dir";

    private final Path dir;

    private SharedData(Path dir) {
        this.dir = dir;
    }

    /** The shared directory, if it can be found. */
    public static Optional<SharedData> locate() {
        String configured = System.getProperty(PROPERTY);
        List<Path> candidates = configured != null
                ? List.of(Path.of(configured))
                : List.of(Path.of("../shared"), Path.of("../../shared"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("corpora")) && Files.isDirectory(p.resolve("patterns"))) {
                return Optional.of(new SharedData(p.toAbsolutePath().normalize()));
            }
        }
        return Optional.empty();
    }

    /** The shared directory, or an exception that says where it was looked for. */
    public static SharedData require() {
        return locate().orElseThrow(() -> new IllegalStateException(
                "third-party data not found: " + describeSearch() + " (set -D" + PROPERTY + "=...)"));
    }

    /** Where {@link #locate()} looks, for messages. */
    public static String describeSearch() {
        String configured = System.getProperty(PROPERTY);
        return configured != null
                ? "[" + Path.of(configured).toAbsolutePath().normalize() + "] from -D" + PROPERTY
                : "[" + Path.of("../shared").toAbsolutePath().normalize() + ", "
                        + Path.of("../../shared").toAbsolutePath().normalize() + "]";
    }

    /** The shared directory itself. */
    public Path dir() {
        return dir;
    }

    /** {@code patterns/logstash-patterns-core/legacy}: the classic pattern names. */
    public Path legacyPatterns() {
        return dir.resolve("patterns/logstash-patterns-core/legacy");
    }

    /** {@code patterns/logstash-patterns-core/ecs-v1}: the same names with ECS field names and types. */
    public Path ecsV1Patterns() {
        return dir.resolve("patterns/logstash-patterns-core/ecs-v1");
    }

    /** {@code patterns/postfix-grok-patterns/postfix.grok}. */
    public Path postfixPatterns() {
        return dir.resolve("patterns/postfix-grok-patterns/postfix.grok");
    }

    /** {@code patterns/postfix-grok-patterns/50-filter-postfix.conf}: the Logstash program dispatch. */
    public Path postfixFilterConf() {
        return dir.resolve("patterns/postfix-grok-patterns/50-filter-postfix.conf");
    }

    /** {@code corpora/postfix-grok-patterns/test}: one postfix message per YAML file. */
    public Path postfixTestCases() {
        return dir.resolve("corpora/postfix-grok-patterns/test");
    }

    /**
     * The raw log files, in a fixed order: {@code postfix_log_analysis/mail.log},
     * {@code log-ship-elastic-postfix/mail.log}, then every file of {@code fail2ban} but its
     * licence, by name.
     */
    public List<Path> logFiles() throws IOException {
        Path corpora = dir.resolve("corpora");
        List<Path> files = new ArrayList<>();
        files.add(corpora.resolve("postfix_log_analysis/mail.log"));
        files.add(corpora.resolve("log-ship-elastic-postfix/mail.log"));
        List<Path> fail2ban = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(corpora.resolve("fail2ban"))) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().equals("COPYING")) {
                    fail2ban.add(p);
                }
            }
        }
        fail2ban.sort(null);
        files.addAll(fail2ban);
        return files;
    }

    /**
     * The log lines of {@link #logFiles()}, in order, without blank lines and without the
     * {@code #} comment lines fail2ban's samples carry.
     */
    public List<String> logLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path f : logFiles()) {
            for (String line : Files.readAllLines(f)) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    @Override
    public String toString() {
        return "SharedData[" + dir + "]";
    }
}
