package dev.mailtrace.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.mailtrace.bench.es.EsGrokEngine;

/** Locates what the tests need from outside the project, skipping (never passing) when it is absent. */
public final class TestData {

    private TestData() {
    }

    /** The shared third-party data, or skips the calling test with a message. */
    public static SharedData shared() {
        var shared = SharedData.locate();
        assumeTrue(shared.isPresent(),
                "third-party data not available at " + SharedData.describeSearch() + " (set -D" + SharedData.PROPERTY + ")");
        return shared.get();
    }

    /**
     * The directory of Elasticsearch's grok jars. Under Maven the bench pom always names it, so a
     * missing directory is a build error, not a reason to skip; elsewhere (an IDE run before
     * {@code generate-resources}) the tests skip.
     */
    public static Path esGrokDir() {
        if (System.getProperty(EsGrokEngine.DIR_PROPERTY) != null) {
            return EsGrokEngine.defaultDirectory();
        }
        Path dir = Files.isDirectory(EsGrokEngine.DEFAULT_DIR) ? EsGrokEngine.DEFAULT_DIR : Path.of("target", "es-grok");
        assumeTrue(Files.isDirectory(dir), "Elasticsearch grok jars not found at " + dir.toAbsolutePath()
                + " (run mvn -pl mailtrace-bench generate-resources or set -D" + EsGrokEngine.DIR_PROPERTY + ")");
        return dir;
    }
}
