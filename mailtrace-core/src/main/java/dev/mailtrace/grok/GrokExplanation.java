package dev.mailtrace.grok;

import java.util.List;

/**
 * How far one pattern got on a line that it does not match: the grok debugger's answer to "why
 * doesn't this match?".
 *
 * <p>The pattern is followed down through references and groups: at each level, {@link Step}
 * says which part as written matched and which part failed; the last step's {@code failedAt} is
 * the innermost component that could not match, and {@link #offset()} is how far into the line
 * the longest matching prefix reached.
 *
 * <p>Example: pattern {@code ^%{SYSLOGTIMESTAMP} %{WORD:host} %{INT:pid}$} on
 * {@code Nov 24 10:04:05 mx1 abc} gives one step {@code matched="^%{SYSLOGTIMESTAMP} %{WORD:host} "},
 * {@code failedAt="%{INT:pid}"}, {@code offset=20}, {@code rest="abc"}.
 *
 * @param patternIndex 0-based index of the pattern in its {@link Grok}
 * @param pattern the pattern as given
 * @param matched whether the pattern matches the line after all (then the rest is empty)
 * @param steps the levels descended, outermost first
 * @param offset bytes of the line consumed by the longest matching prefix
 * @param rest the line from {@code offset} on: what the failing component faced
 */
public record GrokExplanation(int patternIndex, String pattern, boolean matched, List<Step> steps, int offset,
                              String rest) {

    public GrokExplanation {
        steps = List.copyOf(steps);
    }

    /**
     * One level of the pattern.
     *
     * @param pattern the named pattern this level is the definition of, or null for the pattern
     *     itself or an inline group
     * @param matched the components of this level, as written, that matched
     * @param failedAt the component, as written, that did not match
     */
    public record Step(String pattern, String matched, String failedAt) {
    }

    /** The innermost component that did not match, or null if the pattern matched. */
    public String failedAt() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1).failedAt();
    }
}
