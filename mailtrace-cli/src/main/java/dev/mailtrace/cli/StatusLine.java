package dev.mailtrace.cli;

import java.io.PrintWriter;

/**
 * One line of progress on stderr, redrawn in place (carriage return, erase to end of line), shown
 * only when stderr is a terminal: scripts reading stderr never see it.
 */
final class StatusLine {

    private static final String ERASE = "\r\033[K";

    /** Null when stderr is not a terminal. */
    private final PrintWriter err;
    private boolean shown;

    private StatusLine(PrintWriter err) {
        this.err = err;
    }

    /** A status line on {@code err} if the process has a terminal, else one that shows nothing. */
    static StatusLine forStderr(PrintWriter err) {
        return new StatusLine(System.console() != null ? err : null);
    }

    /** Whether anything will be shown. */
    boolean isActive() {
        return err != null;
    }

    /** Replaces the line with {@code text}. */
    void show(String text) {
        if (err != null) {
            err.print(ERASE + text);
            err.flush();
            shown = true;
        }
    }

    /** Erases the line, if anything was shown, before results or errors are printed. */
    void clear() {
        if (shown) {
            err.print(ERASE);
            err.flush();
            shown = false;
        }
    }
}
