package dev.mailtrace.bench.api;

import java.util.ArrayList;
import java.util.List;

import dev.mailtrace.bench.api.RegexTree.Alt;
import dev.mailtrace.bench.api.RegexTree.Atom;
import dev.mailtrace.bench.api.RegexTree.Empty;
import dev.mailtrace.bench.api.RegexTree.Group;
import dev.mailtrace.bench.api.RegexTree.Node;
import dev.mailtrace.bench.api.RegexTree.Repeat;
import dev.mailtrace.bench.api.RegexTree.Seq;

/**
 * The static check for catastrophic backtracking: walks the tree of an expanded pattern and reports
 * the three classic shapes (the ones OWASP's ReDoS page and regex linters such as
 * {@code safe-regex}/{@code rxxr} look for):
 *
 * <ul>
 *   <li>an unbounded repeat inside an unbounded repeat whose iterations nothing separates
 *       ({@code (\S+\s?)*}: a run of n characters splits in 2^n ways);
 *   <li>alternatives that can match the same text under an unbounded repeat ({@code (\w|\d)+});
 *   <li>several unbounded wildcards in a row over overlapping characters with something after them
 *       that can fail ({@code .*.*[0-9]{25}}: O(n^k) ways to place k boundaries).
 * </ul>
 *
 * Possessive repeats and atomic groups never give back, so nothing inside them is reported. The
 * analysis over-approximates character sets, so it may warn about a harmless pattern; the
 * generated line of {@link Adversary} tells which warnings are real on this engine.
 */
final class HazardCheck {

    /** A finding before it is put into words: the node, and the characters that pump it. */
    record Finding(String kind, Node node, CharSet pump, int degree, String reason) {
        /** Whether the blow-up is exponential (degree 0) rather than polynomial of the degree. */
        boolean exponential() {
            return degree == 0;
        }
    }

    private final List<Finding> findings = new ArrayList<>();

    private HazardCheck() {
    }

    static List<Finding> check(String regex) {
        HazardCheck c = new HazardCheck();
        c.walk(RegexTree.parse(regex));
        return c.findings;
    }

    private void walk(Node n) {
        if (n instanceof Seq s) {
            wildcards(s);
            s.items().forEach(this::walk);
        } else if (n instanceof Alt a) {
            a.options().forEach(this::walk);
        } else if (n instanceof Group g && !g.atomic()) {
            walk(g.body());
        } else if (n instanceof Repeat r && !r.possessive()) {
            if (r.unbounded() && !nestedRepeat(r)) {
                overlappingAlternatives(r);
            }
            walk(r.body());
        }
    }

    /** Rule 1. Returns whether it reported {@code r}. */
    private boolean nestedRepeat(Repeat r) {
        List<Node> items = items(r.body());
        for (Node x : items) {
            Repeat inner = unboundedRepeatIn(x);
            if (inner == null) {
                continue;
            }
            CharSet run = chars(inner.body());
            boolean separated = false;
            for (Node other : items) {
                if (other != x && !nullable(other) && !first(other).overlaps(run)) {
                    separated = true;
                }
            }
            if (!separated) {
                findings.add(new Finding(PatternWarning.NESTED_QUANTIFIERS, r, run, 0,
                        "an unbounded repeat inside an unbounded repeat, and nothing the inner one cannot match"
                                + " separates the iterations: when the rest fails, a run of n characters is split in"
                                + " up to 2^n ways"));
                return true;
            }
        }
        return false;
    }

    /** Rule 2. */
    private void overlappingAlternatives(Repeat r) {
        for (Node x : items(r.body())) {
            if (!(unwrap(x) instanceof Alt alt)) {
                continue;
            }
            List<Node> options = alt.options();
            for (int i = 0; i < options.size(); i++) {
                for (int j = i + 1; j < options.size(); j++) {
                    CharSet shared = first(options.get(i)).intersect(first(options.get(j)));
                    if (!shared.isEmpty() && sameStart(options.get(i), options.get(j))) {
                        findings.add(new Finding(PatternWarning.OVERLAPPING_ALTERNATIVES, r, shared, 0,
                                "alternatives #" + (i + 1) + " and #" + (j + 1) + " of a repeated group can match the"
                                        + " same text, so each repetition can be matched more than one way: up to 2^n"
                                        + " ways for n repetitions when the rest fails"));
                        return;
                    }
                }
            }
        }
    }

    /** Rule 3, on one sequence. */
    private void wildcards(Seq s) {
        List<Node> items = s.items();
        int i = 0;
        while (i < items.size()) {
            Repeat w = wildcard(items.get(i));
            if (w == null) {
                i++;
                continue;
            }
            CharSet set = chars(w.body());
            int count = 1;
            int j = i + 1;
            int lastWildcard = i;
            while (j < items.size()) {
                Node y = items.get(j);
                Repeat next = wildcard(y);
                if (next != null && chars(next.body()).overlaps(set)) {
                    count++;
                    set = set.intersect(chars(next.body()));
                    lastWildcard = j;
                } else if (!(nullable(y) || set.containsAll(chars(y)))) {
                    break;
                }
                j++;
            }
            boolean failsAfter = false;
            for (int k = lastWildcard + 1; k < items.size(); k++) {
                failsAfter |= !nullable(items.get(k));
            }
            if (count >= 2 && failsAfter) {
                Node first = items.get(i);
                Node last = items.get(lastWildcard);
                findings.add(new Finding(PatternWarning.GREEDY_WILDCARDS,
                        new Seq(items.subList(i, lastWildcard + 1), first.start(), last.end()), set, count,
                        count + " unbounded wildcards in a row over the same characters, with something after them"
                                + " that can fail: every way to split the line between them is tried, O(n^" + count
                                + ") steps for a line of n characters"));
            }
            i = lastWildcard + 1;
        }
    }

    /** An unbounded, backtracking repeat over a wide set (32+ printable characters), or null. */
    private static Repeat wildcard(Node n) {
        return unwrap(n) instanceof Repeat r && r.unbounded() && !r.possessive()
                && chars(r.body()).printableCount() >= 32 ? r : null;
    }

    /** The first unbounded backtracking repeat reached through groups and sequences, or null. */
    private static Repeat unboundedRepeatIn(Node n) {
        Node u = unwrap(n);
        if (u instanceof Repeat r) {
            return r.unbounded() && !r.possessive() ? r : null;
        }
        if (u instanceof Seq s) {
            for (Node item : s.items()) {
                Repeat r = unboundedRepeatIn(item);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Whether two alternatives can begin with the same text: position by position for fixed strings. */
    private static boolean sameStart(Node a, Node b) {
        List<CharSet> fa = fixed(a);
        List<CharSet> fb = fixed(b);
        if (fa == null || fb == null) {
            return true;
        }
        for (int k = 0; k < Math.min(fa.size(), fb.size()); k++) {
            if (!fa.get(k).overlaps(fb.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** The character sets of a node that is a fixed sequence of atoms, or null. */
    private static List<CharSet> fixed(Node n) {
        List<CharSet> out = new ArrayList<>();
        for (Node item : items(n)) {
            Node u = unwrap(item);
            if (u instanceof Atom a) {
                out.add(a.chars());
            } else if (!(u instanceof Empty)) {
                return null;
            }
        }
        return out;
    }

    private static Node unwrap(Node n) {
        while (n instanceof Group g && !g.atomic()) {
            n = g.body();
        }
        return n;
    }

    private static List<Node> items(Node n) {
        Node u = unwrap(n);
        return u instanceof Seq s ? s.items() : List.of(u);
    }

    static boolean nullable(Node n) {
        if (n instanceof Seq s) {
            return s.items().stream().allMatch(HazardCheck::nullable);
        } else if (n instanceof Alt a) {
            return a.options().stream().anyMatch(HazardCheck::nullable);
        } else if (n instanceof Group g) {
            return nullable(g.body());
        } else if (n instanceof Repeat r) {
            return r.min() == 0 || nullable(r.body());
        }
        return n instanceof Empty;
    }

    /** Characters a match of {@code n} can start with. */
    static CharSet first(Node n) {
        if (n instanceof Seq s) {
            CharSet out = CharSet.NONE;
            for (Node item : s.items()) {
                out = out.union(first(item));
                if (!nullable(item)) {
                    break;
                }
            }
            return out;
        } else if (n instanceof Alt a) {
            return a.options().stream().map(HazardCheck::first).reduce(CharSet.NONE, CharSet::union);
        } else if (n instanceof Group g) {
            return first(g.body());
        } else if (n instanceof Repeat r) {
            return first(r.body());
        }
        return n instanceof Atom a ? a.chars() : CharSet.NONE;
    }

    /** Every character a match of {@code n} can contain. */
    static CharSet chars(Node n) {
        if (n instanceof Seq s) {
            return s.items().stream().map(HazardCheck::chars).reduce(CharSet.NONE, CharSet::union);
        } else if (n instanceof Alt a) {
            return a.options().stream().map(HazardCheck::chars).reduce(CharSet.NONE, CharSet::union);
        } else if (n instanceof Group g) {
            return chars(g.body());
        } else if (n instanceof Repeat r) {
            return chars(r.body());
        }
        return n instanceof Atom a ? a.chars() : CharSet.NONE;
    }
}
