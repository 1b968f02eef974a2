package dev.mailtrace.grok;

import java.util.HashMap;
import java.util.Map;

/**
 * Expands grok text into one joni regex, exactly as Elasticsearch's grok does, so that both engines
 * run the same regex: {@code %{NAME:field:type}} becomes {@code (?<NAME:field:type>definition)},
 * {@code %{NAME}} becomes {@code (?:definition)}, recursively.
 *
 * <p>Keeping Elasticsearch's group names ({@code NAME:field:type}) matters beyond looks: joni
 * merges groups of the same name into one entry with several back-references, and that grouping
 * decides which values become lists. Not thread-safe (it caches expansions); cheap to create.
 */
final class GrokExpander {

    /**
     * The longest regex a pattern may expand to. References can double the text at each level
     * ({@code B %{A}%{A}}, {@code C %{B}%{B}}, ...): without a bound a few dozen lines of a pattern
     * file exhaust the heap (found by fuzzing). Real pattern sets expand to a few KB per pattern.
     */
    static final int MAX_EXPANDED_LENGTH = 1 << 20;

    private final PatternBank bank;
    private final boolean namedCapturesOnly;
    private final boolean captures;
    private final Map<String, String> expanded = new HashMap<>();

    /**
     * @param captures false to expand every reference as a non-capturing group (explain mode)
     */
    GrokExpander(PatternBank bank, boolean namedCapturesOnly, boolean captures) {
        this.bank = bank;
        this.namedCapturesOnly = namedCapturesOnly;
        this.captures = captures;
    }

    /** An expander for a pattern that has compiled already: no capture groups, nothing strict. */
    static GrokExpander forExplaining(PatternBank bank) {
        GrokExpander e = new GrokExpander(bank, true, false);
        e.strictTopLevel = false;
        return e;
    }

    private boolean strictTopLevel = true;

    /**
     * Expands grok text.
     *
     * @param patternName the pattern the text defines, or null for an expression given directly
     */
    String expand(String text, String patternName, String origin) throws PatternCompileException {
        StringBuilder out = new StringBuilder(text.length() * 4);
        append(out, text, patternName, origin, !(strictTopLevel && patternName == null));
        return out.toString();
    }

    private void append(StringBuilder out, String text, String patternName, String origin, boolean lenient)
            throws PatternCompileException {
        for (GrokSyntax.Part part : GrokSyntax.parse(text, patternName, origin, lenient)) {
            if (part instanceof GrokSyntax.Literal l) {
                out.append(l.text());
            } else {
                GrokSyntax.Reference r = (GrokSyntax.Reference) part;
                String inner = definitionOf(r, patternName, origin);
                if (captures && r.field() != null) {
                    out.append("(?<").append(r.groupName()).append('>');
                } else if (captures && !namedCapturesOnly) {
                    out.append("(?<").append(r.patternName()).append('>');
                } else {
                    out.append("(?:");
                }
                out.append(inner).append(')');
                if (out.length() > MAX_EXPANDED_LENGTH) {
                    throw new PatternCompileException(patternName, origin, r.offset() + 1, "expands to more than "
                            + MAX_EXPANDED_LENGTH + " characters of regex at " + r.text() + " (references nested too deep)");
                }
            }
        }
    }

    /** The expansion of what {@code r} refers to. */
    String definitionOf(GrokSyntax.Reference r, String patternName, String origin) throws PatternCompileException {
        if (r.definition() != null) {
            return r.definition(); // inline definitions cannot contain braces, hence no references
        }
        String cached = expanded.get(r.patternName());
        if (cached != null) {
            return cached;
        }
        PatternDefinition d = bank.get(r.patternName());
        if (d == null) {
            throw new PatternCompileException(patternName, origin, r.offset() + 1,
                    "unknown pattern [" + r.patternName() + "] in " + r.text());
        }
        // The bank was validated when built: references resolve and there is no cycle.
        StringBuilder sb = new StringBuilder(d.regex().length() * 2);
        append(sb, d.regex(), d.name(), d.origin(), true);
        String result = sb.toString();
        expanded.put(r.patternName(), result);
        return result;
    }
}
