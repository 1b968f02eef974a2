package dev.mailtrace.bench.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs an engine and mailtrace over the same lines and compares, line by line, which pattern
 * matched and the captures (names, values as text, types through their text). Lines where either
 * ran out of budget are not compared: the engines' budgets are not the same clock.
 */
final class Agreement {

    static final int EXAMPLES = 5;

    long checked;
    long compared;
    long matched;
    long timeouts;
    long disagreements;
    final List<EngineResult.Disagreement> examples = new ArrayList<>();

    /**
     * Every line of the sample, unless a pattern that runs out of budget on most lines makes that
     * take past {@code deadline} (a {@link System#nanoTime()}).
     *
     * @param reference mailtrace, or null to only count the engine's own matches
     */
    static Agreement check(LineEngine engine, LineEngine reference, LineSample lines, long deadline) {
        Agreement a = new Agreement();
        for (int i = 0; i < lines.size() && System.nanoTime() - deadline < 0; i++) {
            a.checked++;
            int got = engine.match(i);
            Map<String, List<String>> gotCaptures = got >= 0 ? LineEngine.normalise(engine.captures()) : null;
            if (got >= 0) {
                a.matched++;
            } else if (got == LineEngine.TIMED_OUT) {
                a.timeouts++;
            }
            if (reference == null) {
                continue;
            }
            int want = reference.match(i);
            if (want == LineEngine.TIMED_OUT || got == LineEngine.TIMED_OUT) {
                continue;
            }
            a.compared++;
            Map<String, List<String>> wantCaptures = want >= 0 ? LineEngine.normalise(reference.captures()) : null;
            if (want != got || (want >= 0 && !wantCaptures.equals(gotCaptures))) {
                a.disagreements++;
                if (a.examples.size() < EXAMPLES) {
                    a.examples.add(new EngineResult.Disagreement(i + 1L, describe(want, wantCaptures),
                            describe(got, gotCaptures)));
                }
            }
        }
        return a;
    }

    private static String describe(int pattern, Map<String, List<String>> captures) {
        return pattern < 0 ? "no match" : "pattern #" + pattern + " " + captures;
    }
}
