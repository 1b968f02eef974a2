package dev.mailtrace.bench.api;

import dev.mailtrace.grok.PatternCompileException;

/**
 * A pattern of the set does not compile: which one (its 0-based index and text), and the column
 * and reason from the grok compiler.
 */
public final class InvalidPatternException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String pattern;
    private final int column;
    private final String reason;

    InvalidPatternException(int index, String pattern, int column, PatternCompileException cause) {
        super(message(index, pattern, column, cause), cause);
        this.index = index;
        this.pattern = pattern;
        this.column = column;
        this.reason = cause.reason();
    }

    private static String message(int index, String pattern, int column, PatternCompileException e) {
        String which = "bad pattern -p #" + index + " [" + pattern + "]";
        if (e.patternName() == null) {
            return which + (column > 0 ? " column " + column : "") + ": " + e.reason();
        }
        return which + ": " + e.getMessage();
    }

    /** 0-based index of the pattern in the set. */
    public int index() {
        return index;
    }

    /** The pattern as given. */
    public String pattern() {
        return pattern;
    }

    /** 1-based column in the pattern as given, or 0 if the fault is in a named pattern it references. */
    public int column() {
        return column;
    }

    /** What is wrong. */
    public String reason() {
        return reason;
    }
}
