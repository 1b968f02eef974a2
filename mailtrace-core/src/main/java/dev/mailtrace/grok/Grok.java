package dev.mailtrace.grok;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jcodings.exception.JCodingsException;
import org.jcodings.specific.UTF8Encoding;
import org.joni.NameEntry;
import org.joni.Option;
import org.joni.Regex;
import org.joni.Syntax;
import org.joni.WarnCallback;
import org.joni.exception.JOniException;
import org.joni.exception.SyntaxException;

import dev.mailtrace.io.Utf8;

/**
 * One or more compiled grok patterns, matched in order (Logstash's {@code match => [...]}).
 *
 * <pre>{@code
 * Grok grok = Grok.builder(PatternBank.builtin())
 *         .pattern("%{SYSLOGBASE} %{GREEDYDATA:message}")
 *         .build();
 * GrokMatcher m = grok.matcher();              // one per thread, reusable
 * if (m.match(bytes, offset, length) == MatchOutcome.MATCHED) {
 *     String program = m.value("program");     // decoded only now
 * }
 * }</pre>
 *
 * <p>Captures are exactly those of Elasticsearch's grok for the same patterns and line: the same
 * regex is built (see {@code GrokExpander}), the same group-to-field rules and type conversions
 * apply, and a field captured more than once becomes a list. Differences are deliberate and
 * documented: bad references, types and regexes fail at build time with the pattern and column,
 * runaway matches end in {@link MatchOutcome#TIMED_OUT} instead of an exception, and a number that
 * does not convert is reported by {@link GrokMatcher#conversionErrors()} instead of thrown.
 *
 * <p>Immutable and thread-safe: share one instance across threads, give each thread its own
 * {@link GrokMatcher}.
 */
public final class Grok {

    /** Default per-line match budget, Elasticsearch ingest's default. */
    public static final Duration DEFAULT_MATCH_TIMEOUT = Duration.ofSeconds(1);

    private final PatternBank bank;
    private final List<String> sources;
    private final CompiledPattern[] patterns;
    private final Set<GrokFeature> features;
    private final Duration matchTimeout;
    private final List<GrokField> fields;
    private final String[] fieldNames;
    private final Map<String, Integer> fieldIndex;

    /**
     * One pattern: its joni regex and its capture table in joni's name-table order; and the regex
     * actually run, which leaves out an elidable trailing {@code .*} (see {@link TailElision}).
     *
     * @param matchRegex the regex to run first: {@code regex} itself or its prefix without the tail
     * @param tail whether {@code matchRegex} is the prefix and the tail is computed
     * @param tailGroup the tail's capture group number, or -1
     */
    record CompiledPattern(String source, String regexText, Regex regex, Capture[] captures, Regex matchRegex,
                           boolean tail, int tailGroup) {
    }

    /**
     * A named group entry: the field it feeds, its type, and the group numbers (several when the
     * same {@code NAME:field} occurs more than once in the expansion).
     */
    record Capture(GrokField field, int nameIndex, int[] backRefs) {
    }

    private Grok(Builder b, CompiledPattern[] patterns, List<String> names) {
        this.bank = b.bank;
        this.sources = List.copyOf(b.patterns);
        this.patterns = patterns;
        this.features = Collections.unmodifiableSet(EnumSet.copyOf(b.features));
        this.matchTimeout = b.matchTimeout;
        Set<GrokField> fs = new LinkedHashSet<>();
        for (CompiledPattern p : patterns) {
            for (Capture c : p.captures) {
                fs.add(c.field);
            }
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String name : names) {
            index.put(name, index.size());
        }
        this.fields = List.copyOf(fs);
        this.fieldIndex = Collections.unmodifiableMap(index);
        this.fieldNames = names.toArray(new String[0]);
    }

    /** A builder that resolves references in {@code bank}. */
    public static Builder builder(PatternBank bank) {
        return new Builder(bank);
    }

    /** Compiles one pattern with default features. */
    public static Grok compile(PatternBank bank, String pattern) throws PatternCompileException {
        return builder(bank).pattern(pattern).build();
    }

    /** The patterns as given, in order. */
    public List<String> patterns() {
        return sources;
    }

    /** The regex pattern {@code index} expands to (what joni compiles). */
    public String expandedRegex(int index) {
        return patterns[index].regexText;
    }

    /**
     * The fields this grok can produce with their types, in pattern order, each (name, type) once.
     * A name appears twice only if patterns give it two different types.
     */
    public List<GrokField> fields() {
        return fields;
    }

    /** Whether {@code feature} is on. */
    public boolean isEnabled(GrokFeature feature) {
        return features.contains(feature);
    }

    /** The per-line match budget; {@link Duration#ZERO} means none. */
    public Duration matchTimeout() {
        return matchTimeout;
    }

    /** The bank references were resolved in. */
    public PatternBank bank() {
        return bank;
    }

    /** A new matcher: not thread-safe, reusable for any number of lines. */
    public GrokMatcher matcher() {
        return new GrokMatcher(this);
    }

    /**
     * Convenience: matches one line and returns its typed captures, as Elasticsearch's
     * {@code Grok.captures(String)} does. Allocates; use {@link #matcher()} on hot paths.
     *
     * @return the captures, or empty if no pattern matched or the match timed out
     */
    public Optional<Map<String, Object>> captures(CharSequence line) {
        GrokMatcher m = matcher();
        return m.match(line) == MatchOutcome.MATCHED ? Optional.of(m.toMap()) : Optional.empty();
    }

    /**
     * Explains why a line does not match: for each pattern, how far it got. See
     * {@link GrokExplanation}. Slow (compiles many prefixes); meant for debugging.
     */
    public List<GrokExplanation> explain(CharSequence line) {
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        return explain(bytes, 0, bytes.length);
    }

    /** As {@link #explain(CharSequence)}, for a UTF-8 slice. */
    public List<GrokExplanation> explain(byte[] bytes, int offset, int length) {
        if (!Utf8.isValid(bytes, offset, offset + length)) {
            // As GrokMatcher.match does: joni must only ever see well-formed UTF-8.
            byte[] clean = new String(bytes, offset, length, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            return explain(clean, 0, clean.length);
        }
        List<GrokExplanation> out = new ArrayList<>(patterns.length);
        for (int i = 0; i < patterns.length; i++) {
            out.add(new GrokExplainer(bank, patterns[i].source).explain(i, bytes, offset, length));
        }
        return Collections.unmodifiableList(out);
    }

    CompiledPattern[] compiled() {
        return patterns;
    }

    String fieldName(int nameIndex) {
        return fieldNames[nameIndex];
    }

    int fieldCount() {
        return fieldNames.length;
    }

    /** Index of a field name, or -1. */
    int fieldIndex(String name) {
        Integer i = fieldIndex.get(name);
        return i == null ? -1 : i;
    }

    @Override
    public String toString() {
        return "Grok" + sources;
    }

    /**
     * The deepest nesting of groups and character classes handed to joni: its parser recurses once
     * per group and per class in a class, and a few thousand levels overflow a thread's stack (both
     * found by fuzzing). Real patterns nest a few dozen.
     */
    static final int MAX_NESTING = 500;

    static Regex compileRegex(String regexText) {
        byte[] b = withInertLookaheads(regexText).getBytes(StandardCharsets.UTF_8);
        try {
            return new Regex(b, 0, b.length, Option.DEFAULT, UTF8Encoding.INSTANCE, Syntax.RUBY, WarnCallback.NONE);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // joni puts a bad group name into its error message with String.replaceAll, which throws
            // on a '$' in the name ($1: no group 1; $ alone: missing index; found by fuzzing):
            // report it as the syntax error it is
            throw new SyntaxException("invalid group name or reference (" + e.getMessage() + ")");
        } catch (JCodingsException e) {
            // jcodings, not joni, rejects a character property name it does not know when the name is
            // not ASCII (\p{<non-ASCII>}, found by fuzzing), with an exception of its own
            throw new SyntaxException(e.getMessage());
        } catch (StackOverflowError e) {
            // nesting that nestingDepth does not see (an extended-mode comment hiding a '[', say):
            // joni's parser recurses per level; a bad pattern, not a crash
            throw new SyntaxException("regex nested too deep to parse");
        } catch (NullPointerException e) {
            // joni's analyser fails on some back-references to a group it has not kept (found by
            // fuzzing: \k<pair> after (?<pair>...) whose pattern names further groups); a regex
            // joni cannot compile is a bad pattern, not a crash
            throw new SyntaxException("back-reference joni cannot compile (" + e.getMessage() + ")");
        }
    }

    /**
     * {@code regex} with each lookahead's body turned into an alternation whose first branch never
     * matches, {@code (?=X)} into {@code (?=(?!)|X)}: the same matches and groups, but joni no longer
     * takes a literal in the body for its search optimisation. joni 2.2.9 (and Onigmo, which it
     * ports) cuts that literal to the byte length of what follows the lookahead, which can split a
     * multi-byte character; setting up the Boyer-Moore table then throws or loops for ever
     * ({@code (?=中中)abcd}, found by fuzzing). Only regexes that can hold a multi-byte literal (a
     * non-ASCII character, or an escape that can make one) are rewritten: ASCII ones reach joni as
     * written, their optimisation intact.
     */
    static String withInertLookaheads(String regex) {
        if (!regex.contains("(?=") || !mayHoldMultiByteLiteral(regex)) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length() + 16);
        int[] copied = {0};
        scan(regex, open -> {
            if (regex.startsWith("?=", open + 1)) {
                out.append(regex, copied[0], open + 3).append("(?!)|");
                copied[0] = open + 3;
            }
        });
        return out.append(regex, copied[0], regex.length()).toString();
    }

    private static boolean mayHoldMultiByteLiteral(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c >= 0x80) {
                return true;
            }
            if (c == '\\' && i + 1 < regex.length()) {
                char e = regex.charAt(++i);
                if (e == 'x' || e == 'u' || e == 'M' || e == 'C' || e == 'c' || e >= '0' && e <= '7') {
                    return true; // hex, Unicode, meta, control and octal escapes can make bytes beyond ASCII
                }
            }
        }
        return false;
    }

    /** The deepest nesting of groups (outside character classes) and classes in them. */
    private static int nestingDepth(String regex) {
        final class Nesting implements RegexParts {
            int depth;
            int max;

            @Override
            public void group(int open) {
                max = Math.max(max, ++depth);
            }

            @Override
            public void groupEnd() {
                depth--;
            }

            @Override
            public void charClass(int classDepth) {
                max = Math.max(max, depth + classDepth);
            }
        }
        Nesting n = new Nesting();
        scan(regex, n);
        return n.max;
    }

    /** What {@link #scan} meets in a regex. */
    @FunctionalInterface
    private interface RegexParts {
        /** A {@code (} at {@code open} that opens a group (not a comment, not in a class). */
        void group(int open);

        /** A {@code )} that ends a group. */
        default void groupEnd() {
        }

        /** A {@code [} that opens a character class {@code classDepth} deep (1 outside any class). */
        default void charClass(int classDepth) {
        }
    }

    /**
     * Scans {@code regex} as joni's parser nests it: a {@code \} takes the next character with it, a
     * comment group {@code (?#...)} ends at its first {@code )} whatever it holds, and a {@code ]} first
     * in a class (after a {@code ^}) is one of its members.
     */
    private static void scan(String regex, RegexParts parts) {
        int classDepth = 0;
        int classStart = -1; // where the innermost class's members begin
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                classStart = regex.startsWith("^", i + 1) ? i + 2 : i + 1;
                parts.charClass(++classDepth);
            } else if (c == ']' && classDepth > 0 && i != classStart) {
                classDepth--;
            } else if (classDepth == 0 && c == '(' && regex.startsWith("?#", i + 1)) {
                int end = regex.indexOf(')', i);
                i = end < 0 ? regex.length() : end;
            } else if (classDepth == 0 && c == '(') {
                parts.group(i);
            } else if (classDepth == 0 && c == ')') {
                parts.groupEnd();
            }
        }
    }

    /** Configures and compiles a {@link Grok}; not thread-safe. */
    public static final class Builder {
        private final PatternBank bank;
        private final List<String> patterns = new ArrayList<>();
        private final EnumSet<GrokFeature> features = EnumSet.noneOf(GrokFeature.class);
        private Duration matchTimeout = DEFAULT_MATCH_TIMEOUT;

        private Builder(PatternBank bank) {
            this.bank = Objects.requireNonNull(bank, "bank");
            for (GrokFeature f : GrokFeature.values()) {
                if (f.enabledByDefault()) {
                    features.add(f);
                }
            }
        }

        /** Adds a pattern; patterns are tried in the order added. */
        public Builder pattern(String pattern) {
            patterns.add(Objects.requireNonNull(pattern, "pattern"));
            return this;
        }

        /** Adds several patterns, in order. */
        public Builder patterns(List<String> list) {
            list.forEach(this::pattern);
            return this;
        }

        /** Turns a feature on or off. */
        public Builder configure(GrokFeature feature, boolean enabled) {
            if (enabled) {
                features.add(feature);
            } else {
                features.remove(feature);
            }
            return this;
        }

        /** Turns a feature on. */
        public Builder enable(GrokFeature feature) {
            return configure(feature, true);
        }

        /** Turns a feature off. */
        public Builder disable(GrokFeature feature) {
            return configure(feature, false);
        }

        /**
         * The budget for matching one line against one pattern (Logstash {@code timeout_millis});
         * a pattern that runs longer gives {@link MatchOutcome#TIMED_OUT}. {@link Duration#ZERO}
         * disables the budget. Default {@link Grok#DEFAULT_MATCH_TIMEOUT}. Cost: a clock read
         * every few thousand regex steps.
         */
        public Builder matchTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("match timeout must not be negative: " + timeout);
            }
            this.matchTimeout = timeout;
            return this;
        }

        /**
         * Compiles the patterns.
         *
         * @throws PatternCompileException naming the pattern, column and reason, for an unknown or
         *     malformed reference, an unknown type, or a regex joni rejects
         * @throws IllegalStateException if no pattern was added
         */
        public Grok build() throws PatternCompileException {
            if (patterns.isEmpty()) {
                throw new IllegalStateException("no pattern given");
            }
            GrokExpander expander = new GrokExpander(bank, features.contains(GrokFeature.NAMED_CAPTURES_ONLY), true);
            CompiledPattern[] compiled = new CompiledPattern[patterns.size()];
            List<String> names = new ArrayList<>();
            for (int i = 0; i < compiled.length; i++) {
                String source = patterns.get(i);
                String label = patterns.size() == 1 ? null : "#" + i;
                String regexText = expander.expand(source, null, label);
                if (nestingDepth(regexText) > MAX_NESTING) {
                    throw new PatternCompileException(null, label, -1,
                            "groups or character classes nested deeper than " + MAX_NESTING + " (references expanded)");
                }
                Regex regex;
                try {
                    regex = compileRegex(regexText);
                } catch (JOniException e) {
                    throw RegexErrors.locate(bank, source, label, e);
                }
                TailElision.Tail tail = TailElision.find(regexText, regex);
                compiled[i] = new CompiledPattern(source, regexText, regex, captures(regex, names),
                        tail == null ? regex : compileRegex(tail.prefix()), tail != null,
                        tail == null ? -1 : tail.group());
            }
            return new Grok(this, compiled, names);
        }

        private static Capture[] captures(Regex regex, List<String> names) {
            List<Capture> out = new ArrayList<>();
            for (Iterator<NameEntry> it = regex.namedBackrefIterator(); it.hasNext(); ) {
                NameEntry e = it.next();
                String group = new String(e.name, e.nameP, e.nameEnd - e.nameP, StandardCharsets.UTF_8);
                // Elasticsearch's rule (GrokCaptureConfig): NAME:field:type, NAME:field or field.
                String[] parts = group.split(":");
                String name = parts.length >= 2 ? parts[1] : parts[0];
                GrokType type = GrokType.STRING;
                if (parts.length == 3) {
                    GrokType t = GrokType.forGrokName(parts[2]);
                    type = t == null ? GrokType.STRING : t;
                }
                int idx = names.indexOf(name);
                if (idx < 0) {
                    idx = names.size();
                    names.add(name);
                }
                out.add(new Capture(new GrokField(name, type), idx, e.getBackRefs()));
            }
            return out.toArray(new Capture[0]);
        }
    }
}
