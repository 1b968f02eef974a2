package dev.mailtrace.bench.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.GrokMatcher;
import dev.mailtrace.grok.MatchOutcome;
import dev.mailtrace.grok.PatternCompileException;

/**
 * Confirms a static warning by building lines meant to trigger it and running the pattern on
 * them with a short match budget: a run of a character the construct competes for (long enough
 * for the blow-up: 2^48 ways for an exponential one, ~10^9 steps for a polynomial one), after a
 * prefix that gets the match there (nothing, or the start of a sample line up to a space) and
 * before an ending that makes the rest fail. Confirmed when one of them hits the budget.
 */
final class Adversary {

    /** Longest the search may take per warning, beside the budget of each try. */
    private static final long SEARCH_NANOS = Duration.ofSeconds(3).toNanos();
    private static final String[] ENDINGS = {"!", "", "\u0001", " !", "\t"};

    private Adversary() {
    }

    /**
     * @return how the warning was confirmed, or null if no generated line hit the budget
     */
    static String confirm(String grokText, CompiledSet set, HazardCheck.Finding finding, LineSample sample,
                          Duration budget) {
        Grok grok;
        try {
            grok = Grok.builder(set.bank).pattern(grokText).matchTimeout(budget).build();
        } catch (PatternCompileException e) {
            return null; // it compiled for the benchmark; cannot happen
        }
        GrokMatcher m = grok.matcher();
        int c = finding.pump().sample();
        if (c < 0) {
            return null;
        }
        String unit = String.valueOf((char) c);
        int repeat = finding.exponential() ? 48 : finding.degree() == 2 ? 40_000 : 2_000;
        String[] units = {unit, unit + " ", unit + unit + " "};
        long deadline = System.nanoTime() + SEARCH_NANOS;
        for (String prefix : prefixes(sample)) {
            for (String u : units) {
                int times = repeat / u.length();
                for (String ending : ENDINGS) {
                    if (System.nanoTime() - deadline > 0) {
                        return null;
                    }
                    byte[] line = (prefix + u.repeat(times) + ending).getBytes(StandardCharsets.UTF_8);
                    if (m.match(line, 0, line.length) == MatchOutcome.TIMED_OUT) {
                        return String.format(Locale.ROOT,
                                "a generated line of %d bytes (%s\"%s\" x %d%s) ran past the %d ms match budget",
                                line.length, prefix.isEmpty() ? "" : "\"" + shorten(prefix) + "\", then ", u, times,
                                ending.isEmpty() ? "" : ", then \"" + escape(ending) + "\"", budget.toMillis());
                    }
                }
            }
        }
        return null;
    }

    /** Nothing, then the start of the first sample lines up to each of their first spaces. */
    private static Set<String> prefixes(LineSample sample) {
        Set<String> out = new LinkedHashSet<>();
        out.add("");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(3, sample.size()); i++) {
            lines.add(sample.line(i));
        }
        for (String line : lines) {
            int cuts = 0;
            for (int s = line.indexOf(' '); s >= 0 && cuts < 12; s = line.indexOf(' ', s + 1), cuts++) {
                out.add(line.substring(0, s + 1));
            }
        }
        return out;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static String escape(String s) {
        return s.replace("\u0001", "\\x01").replace("\t", "\\t");
    }
}
