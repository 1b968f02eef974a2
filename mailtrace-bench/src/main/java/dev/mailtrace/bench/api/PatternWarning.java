package dev.mailtrace.bench.api;

import java.util.Objects;

/**
 * A construct of a pattern prone to catastrophic backtracking, found by looking at the expanded
 * regex (no line needed), and whether a generated line confirmed it by running past the match
 * budget.
 *
 * @param pattern 0-based index of the pattern in the set
 * @param kind {@code nested_quantifiers}, {@code overlapping_alternatives} or {@code greedy_wildcards}
 * @param from where the sub-pattern is written: {@code pattern #0}, or the path of references to
 *     the definition holding it ({@code pattern #0 > %{POSTFIX_SMTPD} > %{DATA}})
 * @param subPattern the offending part as written there, references not expanded
 * @param reason why it backtracks, in words
 * @param confirmed whether a generated line hit the match budget
 * @param evidence how it was confirmed (the line's shape and the budget), or null
 */
public record PatternWarning(int pattern, String kind, String from, String subPattern, String reason,
                             boolean confirmed, String evidence) {

    /** Kind: an unbounded repeat inside an unbounded repeat, iterations not separated. */
    public static final String NESTED_QUANTIFIERS = "nested_quantifiers";
    /** Kind: alternatives that can match the same text, under an unbounded repeat. */
    public static final String OVERLAPPING_ALTERNATIVES = "overlapping_alternatives";
    /** Kind: several unbounded wildcards in a row, nothing pinning where one ends. */
    public static final String GREEDY_WILDCARDS = "greedy_wildcards";

    public PatternWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(subPattern, "subPattern");
        Objects.requireNonNull(reason, "reason");
    }

    /** One line for people: {@code pattern #0 > %{X}: `(\S+\s?)*` nested quantifiers: ... (confirmed ...)}. */
    public String describe() {
        return from + ": `" + subPattern + "` " + kind.replace('_', ' ') + ": " + reason
                + (confirmed ? " (confirmed: " + evidence + ")" : evidence != null ? " (" + evidence + ")" : "");
    }
}
