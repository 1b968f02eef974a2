package dev.mailtrace.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Third-party corpora live beside the project in {@code ../shared} and are never copied into it;
 * tests that need them skip, with a message, where they are absent.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The path under the shared directory, or skips the calling test if it is not there. */
    public static Path require(String relative) {
        String dir = System.getProperty("mailtrace.shared.dir", "../../shared");
        Path p = Path.of(dir).resolve(relative).normalize();
        assumeTrue(Files.exists(p), "third-party data not available at " + p + " (set -Dmailtrace.shared.dir)");
        return p;
    }
}
