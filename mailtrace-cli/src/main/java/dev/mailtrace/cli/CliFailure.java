package dev.mailtrace.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Ends a command with an exit status and a one-line message for stderr; thrown by subcommands
 * and their option groups, reported by {@link MailtraceCommand}'s exception handler as
 * {@code mailtrace <command>: <message>}. No stack trace: these are the user's errors, not ours.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param message one line for stderr, or {@code null} to exit silently (e.g. a closed pipe)
     */
    CliFailure(int exitCode, String message) {
        super(message == null ? null : oneLine(message), null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** The reason for a failed file operation in words; NIO messages are often just the path. */
    static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return e.getMessage() != null ? oneLine(e.getMessage()) : e.getClass().getSimpleName();
    }

    /** Keeps a message on one line, whatever patterns or file names it quotes. */
    static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** Conventional status of a pipeline stage whose reader went away. */
    static final int EXIT_PIPE_CLOSED = 141;

    /** The failure for an output that cannot be written: quiet for a closed pipe ({@code | head}). */
    static CliFailure outputFailed(java.io.IOException e) {
        // A reader that went away is normal in pipelines: stop quietly, as other tools do.
        String m = String.valueOf(e.getMessage());
        if (m.contains("Broken pipe") || m.contains("Stream closed")) {
            return new CliFailure(EXIT_PIPE_CLOSED, null);
        }
        return new CliFailure(MailtraceCommand.EXIT_INPUT, "cannot write output: " + reason(e));
    }
}
