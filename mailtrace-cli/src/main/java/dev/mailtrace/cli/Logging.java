package dev.mailtrace.cli;

/**
 * Configures slf4j-simple for the command line: stderr, {@code warn} by default (see
 * {@code simplelogger.properties}), more with each {@code -v}.
 *
 * <p>Only the application configures logging; mailtrace-core just logs. slf4j-simple reads its
 * configuration once, when the first logger is created, so this must run before any command code
 * asks for one; command classes therefore get their loggers lazily, not in static fields.
 */
final class Logging {

    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String[] LEVELS = {"warn", "info", "debug", "trace"};

    private Logging() {
    }

    /**
     * Sets the level for {@code verbosity} ({@code -v} count). Without {@code -v}, a level set by
     * the user ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel} in {@code JAVA_OPTS}) is kept.
     */
    static void configure(int verbosity) {
        if (verbosity > 0) {
            System.setProperty(LEVEL_PROPERTY, LEVELS[Math.min(verbosity, LEVELS.length - 1)]);
        }
    }
}
