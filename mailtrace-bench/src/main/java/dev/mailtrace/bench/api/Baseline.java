package dev.mailtrace.bench.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares a result with an earlier one (a team's CI gate on its grok-pattern repository). A
 * figure regressed when it got worse beyond the noise both runs measured: the 99.9% intervals do
 * not overlap, and the change is over {@value #MIN_CHANGE_PERCENT}% (intervals from few rounds on
 * a quiet machine can be narrower than what a re-run shows). Figures without an interval in either
 * run are not judged. Compared: each engine's lines/s, and each pattern's ns per attempt (same
 * index and same text).
 */
public final class Baseline {

    /** Smallest relative change reported, in percent. */
    public static final int MIN_CHANGE_PERCENT = 5;

    private Baseline() {
    }

    /** The figures that regressed from {@code baseline} to {@code current}, in words; empty if none. */
    public static List<String> regressions(BenchmarkResult current, BenchmarkResult baseline) {
        List<String> out = new ArrayList<>();
        for (EngineResult now : current.engines()) {
            EngineResult then = baseline.engine(now.engine());
            if (then == null || now.error() == null || then.error() == null || now.failure() != null) {
                continue;
            }
            double drop = then.linesPerS() - now.linesPerS();
            if (now.linesPerS() + now.error() < then.linesPerS() - then.error()
                    && drop > then.linesPerS() * MIN_CHANGE_PERCENT / 100) {
                out.add(String.format(Locale.ROOT, "engine %s: %.0f ± %.0f lines/s, was %.0f ± %.0f (%.1f%% slower)",
                        now.engine(), now.linesPerS(), now.error(), then.linesPerS(), then.error(),
                        100 * drop / then.linesPerS()));
            }
        }
        for (PatternProfile now : current.patterns()) {
            PatternProfile then = baseline.patterns().stream()
                    .filter(p -> p.index() == now.index() && p.pattern().equals(now.pattern())).findFirst().orElse(null);
            if (then == null || now.nsPerAttemptError() == null || then.nsPerAttemptError() == null) {
                continue;
            }
            double rise = now.nsPerAttempt() - then.nsPerAttempt();
            if (now.nsPerAttempt() - now.nsPerAttemptError() > then.nsPerAttempt() + then.nsPerAttemptError()
                    && rise > then.nsPerAttempt() * MIN_CHANGE_PERCENT / 100) {
                out.add(String.format(Locale.ROOT, "pattern #%d [%s]: %.0f ± %.0f ns per attempt, was %.0f ± %.0f"
                                + " (%.1f%% slower)", now.index(), now.pattern(), now.nsPerAttempt(),
                        now.nsPerAttemptError(), then.nsPerAttempt(), then.nsPerAttemptError(),
                        100 * rise / then.nsPerAttempt()));
            }
        }
        return out;
    }
}
