package dev.mailtrace.bench.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.GrokFeature;
import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternCompileException;

/**
 * A pattern set compiled for mailtrace: the whole set as one {@link Grok} (what a user runs) and
 * each pattern alone (what the profiler times one by one), plus what the other engines need: the
 * expanded regexes and the bank's definitions. Immutable.
 */
final class CompiledSet {

    final List<String> patterns;
    final PatternSyntax syntax;
    final Semantics semantics;
    final PatternBank bank;
    final Grok whole;
    final Grok[] single;
    final Duration matchTimeout;

    private CompiledSet(List<String> patterns, PatternSyntax syntax, Semantics semantics, PatternBank bank,
                        Grok whole, Grok[] single, Duration matchTimeout) {
        this.patterns = patterns;
        this.syntax = syntax;
        this.semantics = semantics;
        this.bank = bank;
        this.whole = whole;
        this.single = single;
        this.matchTimeout = matchTimeout;
    }

    static CompiledSet compile(List<String> patterns, PatternSyntax syntax, Semantics semantics, PatternBank bank,
                               Duration matchTimeout) throws InvalidPatternException {
        PatternBank b = syntax == PatternSyntax.REGEX ? PatternBank.empty() : bank;
        Grok[] single = new Grok[patterns.size()];
        for (int i = 0; i < single.length; i++) {
            String p = patterns.get(i);
            try {
                single[i] = builder(b, matchTimeout, semantics).pattern(grokText(p, syntax)).build();
            } catch (PatternCompileException e) {
                throw new InvalidPatternException(i, p, column(p, syntax, e.column()), e);
            }
        }
        Grok whole;
        try {
            whole = builder(b, matchTimeout, semantics).patterns(patterns.stream().map(p -> grokText(p, syntax)).toList())
                    .build();
        } catch (PatternCompileException e) {
            throw new IllegalStateException("patterns compile one by one but not together: " + e.getMessage(), e);
        }
        return new CompiledSet(List.copyOf(patterns), syntax, semantics, b, whole, single, matchTimeout);
    }

    private static Grok.Builder builder(PatternBank bank, Duration timeout, Semantics semantics) {
        return Grok.builder(bank).matchTimeout(timeout)
                .configure(GrokFeature.BREAK_ON_MATCH, semantics == Semantics.FIRST_MATCH);
    }

    /** A plain regex as grok text: {@code %{} escaped so that it stays a literal. */
    static String grokText(String pattern, PatternSyntax syntax) {
        return syntax == PatternSyntax.REGEX ? pattern.replace("%{", "%\\{") : pattern;
    }

    /** A column in the grok text back to the pattern as given (escaping added backslashes). */
    private static int column(String pattern, PatternSyntax syntax, int column) {
        if (syntax != PatternSyntax.REGEX || column <= 0) {
            return column;
        }
        int shift = 0;
        for (int i = pattern.indexOf("%{"); i >= 0 && i + 1 + shift < column; i = pattern.indexOf("%{", i + 2)) {
            shift++;
        }
        return column - shift;
    }

    int size() {
        return patterns.size();
    }

    /** The regex pattern {@code i} expands to, what every engine runs. */
    String expandedRegex(int i) {
        return single[i].expandedRegex(0);
    }

    /** Where each part of pattern {@code i}'s regex was written. */
    Provenance provenance(int i) {
        String label = "pattern #" + i;
        return syntax == PatternSyntax.REGEX ? Provenance.literal(patterns.get(i), label)
                : Provenance.expand(patterns.get(i), bank, label);
    }

    /** The bank as name to definition, for Elasticsearch's {@code PatternBank}. */
    Map<String, String> definitions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : bank.names()) {
            out.put(name, bank.get(name).regex());
        }
        return out;
    }
}
