package dev.mailtrace.grok;

/**
 * A grok pattern or pattern file is invalid: unknown reference, circular reference, malformed
 * reference, unknown type, or a regex that joni rejects. Thrown when a {@link PatternBank} or a
 * {@link Grok} is built, never while matching.
 *
 * <p>The message is one line that names the pattern, where it was defined, the column and why,
 * e.g. {@code pattern [POSTFIX_X] (postfix.grok:12) column 15: unknown pattern [HOSTNAM] in %{HOSTNAM:host}}.
 */
public final class PatternCompileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String patternName;
    private final String origin;
    private final int column;
    private final String reason;

    /**
     * @param patternName the pattern in which the problem is ({@code null} for a pattern given directly)
     * @param origin where that pattern was defined, e.g. {@code postfix.grok:12}, or {@code null}
     * @param column 1-based column within that pattern's text, or {@code -1} if unknown
     * @param reason what is wrong
     */
    public PatternCompileException(String patternName, String origin, int column, String reason) {
        super(format(patternName, origin, column, reason));
        this.patternName = patternName;
        this.origin = origin;
        this.column = column;
        this.reason = reason;
    }

    private static String format(String patternName, String origin, int column, String reason) {
        StringBuilder sb = new StringBuilder();
        sb.append(patternName == null ? "pattern" : "pattern [" + patternName + "]");
        if (origin != null) {
            sb.append(" (").append(origin).append(')');
        }
        if (column > 0) {
            sb.append(" column ").append(column);
        }
        return sb.append(": ").append(reason).toString();
    }

    /** The pattern in which the problem is, or {@code null} if it is the expression given to the builder. */
    public String patternName() {
        return patternName;
    }

    /** Where the pattern was defined ({@code file:line}), or {@code null}. */
    public String origin() {
        return origin;
    }

    /** The 1-based column within the pattern's text, or {@code -1} if unknown. */
    public int column() {
        return column;
    }

    /** Why the pattern is invalid, without location. */
    public String reason() {
        return reason;
    }
}
