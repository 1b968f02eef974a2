package dev.mailtrace.grok;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.joni.Matcher;
import org.joni.Option;
import org.joni.Regex;
import org.joni.exception.JOniException;

/**
 * Finds the longest prefix of a pattern that matches a line, descending into the reference or
 * group where matching stops, and into the alternative that gets furthest.
 *
 * <p>A prefix is compiled as the expanded text of the matched components followed by the parts
 * opened so far, closed: {@code ^(?:DEF_A) (?:DEF_B_PART)}. Slow by design; used only to explain.
 */
final class GrokExplainer {

    private static final long BUDGET_NANOS = 1_000_000_000L;

    private final PatternBank bank;
    private final String source;
    private final GrokExpander expander;
    private byte[] bytes;
    private int offset;
    private int end;

    GrokExplainer(PatternBank bank, String source) {
        this.bank = bank;
        this.source = source;
        this.expander = GrokExpander.forExplaining(bank);
    }

    GrokExplanation explain(int index, byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.end = offset + length;
        Result r;
        try {
            r = sequence("", 0, source, null);
        } catch (PatternCompileException | JOniException | RegexStructure.BrokenStructure e) {
            r = null; // cannot happen for a pattern that compiled; explain nothing rather than fail
        }
        if (r == null) {
            return new GrokExplanation(index, source, false, List.of(), 0, decode(offset, end));
        }
        int at = Math.max(r.lineEnd, 0);
        return new GrokExplanation(index, source, r.complete, r.complete ? List.of() : r.steps, at,
                decode(offset + at, end));
    }

    /** Result of explaining one level. */
    private static final class Result {
        boolean complete;
        int atoms;
        int lineEnd = -1;
        List<GrokExplanation.Step> steps = new ArrayList<>();

        boolean betterThan(Result o) {
            if (o == null) {
                return true;
            }
            if (lineEnd != o.lineEnd) {
                return lineEnd > o.lineEnd;
            }
            return depth() > o.depth() || (depth() == o.depth() && atoms > o.atoms);
        }

        int depth() {
            return steps.size();
        }
    }

    /** Explains {@code text} (a pattern, a definition or a group body) after {@code prefix}. */
    private Result sequence(String prefix, int depth, String text, String name) throws PatternCompileException {
        Result best = null;
        for (List<RegexStructure.Atom> alternative : RegexStructure.alternatives(text)) {
            Result r = alternative(prefix, depth, alternative, name);
            if (r.complete) {
                return r;
            }
            if (r.betterThan(best)) {
                best = r;
            }
        }
        return best;
    }

    private Result alternative(String prefix, int depth, List<RegexStructure.Atom> atoms, String name)
            throws PatternCompileException {
        Result r = new Result();
        StringBuilder regex = new StringBuilder(prefix);
        r.lineEnd = search(regex.toString(), depth);
        int k = 0;
        for (; k < atoms.size(); k++) {
            int mark = regex.length();
            regex.append(expander.expand(atoms.get(k).text(), name, null));
            int e = search(regex.toString(), depth);
            if (e < 0) {
                regex.setLength(mark);
                break;
            }
            r.lineEnd = e;
        }
        r.atoms = k;
        StringBuilder matched = new StringBuilder();
        for (int j = 0; j < k; j++) {
            matched.append(atoms.get(j).text());
        }
        if (k == atoms.size()) {
            r.complete = true;
            return r;
        }
        RegexStructure.Atom failing = atoms.get(k);
        r.steps.add(new GrokExplanation.Step(name, matched.toString(), failing.text()));
        String innerText = null;
        String innerName = null;
        if (!failing.quantified()) {
            if (failing.kind() == RegexStructure.Kind.REFERENCE) {
                GrokSyntax.Part part = GrokSyntax.parse(failing.text(), name, null, true).get(0);
                PatternDefinition d = part instanceof GrokSyntax.Reference ref && ref.definition() == null
                        ? bank.get(ref.patternName()) : null;
                if (d != null) {
                    innerText = d.regex();
                    innerName = d.name();
                }
            } else if (failing.kind() == RegexStructure.Kind.GROUP && failing.body() != null) {
                innerText = failing.body();
            }
        }
        if (innerText != null) {
            Result inner = sequence(regex + "(?:", depth + 1, innerText, innerName);
            // Descend only if part of the component matched more of the line: "%{INT:code} failed
            // here" says more than the innermost "[0-9]+" of INT's definition.
            if (inner != null && !inner.complete && inner.lineEnd > r.lineEnd) {
                r.lineEnd = inner.lineEnd;
                r.steps.addAll(inner.steps);
            }
        }
        return r;
    }

    /** End (relative to the line start, as joni reports it) of the first match of the prefix, or -1. */
    private int search(String openRegex, int depth) {
        String text = openRegex + ")".repeat(depth);
        Regex regex;
        try {
            regex = Grok.compileRegex(text);
        } catch (JOniException e) {
            return -1;
        }
        Matcher m = regex.matcher(bytes, offset, end, BUDGET_NANOS);
        int r = m.search(offset, end, Option.DEFAULT);
        return r < 0 ? -1 : m.getEnd();
    }

    private String decode(int from, int to) {
        return new String(bytes, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }
}
