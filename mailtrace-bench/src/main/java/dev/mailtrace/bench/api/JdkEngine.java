package dev.mailtrace.bench.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.mailtrace.grok.GrokType;

/**
 * The set's expanded regexes on {@code java.util.regex}. Grok's group names ({@code NAME:field:type},
 * {@code [nested][field]}) are not Java group names, so each named group is renamed {@code gN} and
 * mapped back; everything else of the regex is given to Java as it is, so a construct the two
 * dialects read differently ({@code \h}, POSIX classes, {@code (?m)}) shows up as a disagreement
 * or a compile error, which is what this engine is for.
 *
 * <p>Java has no match budget: lines are matched through a {@link CharSequence} that reads the
 * clock every 1024 character reads and stops the match once the budget is spent.
 */
final class JdkEngine implements LineEngine {

    /** One translated pattern: the Java regex and, per renamed group, the grok field and type. */
    record Translated(Pattern pattern, String[] groups, String[] fields, GrokType[] types) {
    }

    private final Translated[] patterns;
    private final Matcher[] matchers;
    private final String[] lines;
    private final boolean firstMatch;
    private final BudgetedChars chars;
    private final boolean[] matched;

    /**
     * @throws IllegalArgumentException naming the pattern if Java rejects a regex
     */
    JdkEngine(CompiledSet set, String[] lines) {
        this.patterns = new Translated[set.size()];
        this.matchers = new Matcher[set.size()];
        for (int i = 0; i < patterns.length; i++) {
            patterns[i] = translate(set.expandedRegex(i), i);
            matchers[i] = patterns[i].pattern.matcher("");
        }
        this.lines = lines;
        this.firstMatch = set.semantics == Semantics.FIRST_MATCH;
        long budget = set.matchTimeout.toNanos();
        this.chars = new BudgetedChars(budget == 0 ? Long.MAX_VALUE : budget);
        this.matched = new boolean[patterns.length];
    }

    static Translated translate(String regex, int index) {
        StringBuilder out = new StringBuilder(regex.length());
        List<String> groups = new ArrayList<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        int i = 0;
        boolean inClass = false;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                if (!inClass && regex.charAt(i + 1) == 'k' && i + 2 < regex.length() && regex.charAt(i + 2) == '<') {
                    int close = regex.indexOf('>', i + 3);
                    String target = close < 0 ? null : renamed.get(regex.substring(i + 3, close));
                    if (target != null) {
                        out.append("\\k<").append(target).append('>');
                        i = close + 1;
                        continue;
                    }
                }
                out.append(c).append(regex.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '[') {
                inClass = true; // nested classes stay inside: Java reads them as unions
            } else if (c == ']') {
                inClass = false;
            } else if (!inClass && c == '(' && regex.startsWith("(?<", i) && i + 3 < regex.length()
                    && regex.charAt(i + 3) != '=' && regex.charAt(i + 3) != '!') {
                int close = regex.indexOf('>', i + 3);
                String name = regex.substring(i + 3, close);
                String javaName = "g" + groups.size();
                groups.add(name);
                renamed.putIfAbsent(name, javaName);
                out.append("(?<").append(javaName).append('>');
                i = close + 1;
                continue;
            }
            out.append(c);
            i++;
        }
        String[] names = new String[groups.size()];
        String[] fields = new String[groups.size()];
        GrokType[] types = new GrokType[groups.size()];
        for (int g = 0; g < names.length; g++) {
            names[g] = "g" + g;
            // Elasticsearch's rule: NAME:field:type, NAME:field, or field.
            String[] parts = groups.get(g).split(":");
            fields[g] = parts.length >= 2 ? parts[1] : parts[0];
            GrokType t = parts.length == 3 ? GrokType.forGrokName(parts[2]) : null;
            types[g] = t == null ? GrokType.STRING : t;
        }
        try {
            return new Translated(Pattern.compile(out.toString()), names, fields, types);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("java.util.regex rejects pattern #" + index + " (expanded): "
                    + e.getDescription() + " near index " + e.getIndex(), e);
        }
    }

    @Override
    public int match(int i) {
        chars.reset(lines[i]);
        int first = NO_MATCH;
        try {
            for (int p = 0; p < patterns.length; p++) {
                Matcher m = matchers[p];
                m.reset(chars);
                chars.startMatch();
                matched[p] = m.find();
                if (matched[p] && first < 0) {
                    first = p;
                    if (firstMatch) {
                        clearFrom(p + 1);
                        return first;
                    }
                }
            }
        } catch (BudgetedChars.OutOfBudget e) {
            clearFrom(0);
            return TIMED_OUT;
        }
        return first;
    }

    private void clearFrom(int p) {
        for (int k = p; k < matched.length; k++) {
            matched[k] = false;
        }
    }

    @Override
    public Map<String, List<Object>> captures() {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (int p = 0; p < patterns.length; p++) {
            if (!matched[p]) {
                continue;
            }
            Translated t = patterns[p];
            Matcher m = matchers[p];
            for (int g = 0; g < t.groups.length; g++) {
                String text = m.group(t.groups[g]);
                if (text == null) {
                    continue;
                }
                Object value = text;
                if (t.types[g] != GrokType.STRING) {
                    try {
                        value = t.types[g].convert(text);
                    } catch (NumberFormatException e) {
                        // kept as text, as mailtrace does
                    }
                }
                out.computeIfAbsent(t.fields[g], k -> new ArrayList<>()).add(value);
            }
        }
        return out;
    }

    @Override
    public void close() {
    }

    /** A line as a {@link CharSequence} that ends the match once the budget is spent. */
    static final class BudgetedChars implements CharSequence {

        /** Thrown from {@link #charAt} to abandon a runaway match; no stack trace, it is rare and expected. */
        static final class OutOfBudget extends RuntimeException {
            private static final long serialVersionUID = 1L;

            OutOfBudget() {
                super("match budget spent", null, false, false);
            }
        }

        private final long budgetNanos;
        private String s;
        private long deadline;
        private int reads;

        BudgetedChars(long budgetNanos) {
            this.budgetNanos = budgetNanos;
        }

        void reset(String line) {
            this.s = line;
        }

        /** Starts the budget of one pattern's match. */
        void startMatch() {
            this.reads = 0;
            this.deadline = System.nanoTime() + budgetNanos;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 1023) == 0 && budgetNanos != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
                throw new OutOfBudget();
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
