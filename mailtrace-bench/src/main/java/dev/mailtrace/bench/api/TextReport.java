package dev.mailtrace.bench.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A {@link BenchmarkResult} as tables a person reads in a terminal. */
public final class TextReport {

    private TextReport() {
    }

    /** The report: engines side by side, patterns by cost, warnings, slowest lines. */
    public static String of(BenchmarkResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d lines, %.1f MB, %s, %s semantics, match budget %d ms (%s mode)%n%n",
                r.lines(), r.bytes() / 1e6, r.syntax(), r.semantics().replace('_', '-'), r.matchTimeoutMs(), r.mode()));
        if (r.profiledLines() < r.lines()) {
            sb.append(String.format(Locale.ROOT, "the profile's first pass stopped after %,d lines (runaway patterns):"
                    + " pattern counts are for those%n%n", r.profiledLines()));
        }
        EngineResult ref = r.engine("mailtrace");
        sb.append(String.format(Locale.ROOT, "%-10s %14s %12s %9s %10s %9s %8s  %s%n", "engine", "lines/s", "± (99.9%)",
                "MB/s", "vs mailtr.", "matched", "B/line", "agrees with mailtrace"));
        for (EngineResult e : r.engines()) {
            if (e.failure() != null) {
                sb.append(String.format(Locale.ROOT, "%-10s could not run: %s%n", e.engine(), e.failure()));
                continue;
            }
            String agrees = e.engine().equals("mailtrace") ? "(reference)"
                    : e.agreesWithMailtrace() ? "yes (" + e.compared() + " lines)"
                    : "NO: " + e.disagreements() + " of " + e.compared() + " lines differ";
            sb.append(String.format(Locale.ROOT, "%-10s %14s %12s %9.1f %9.2fx %9d %8s  %s%n", e.engine(),
                    String.format(Locale.ROOT, "%,.0f", e.linesPerS()),
                    e.error() == null ? "-" : String.format(Locale.ROOT, "%,.0f", e.error()), e.mbPerS(),
                    ref == null || ref.linesPerS() == 0 ? 0 : e.linesPerS() / ref.linesPerS(), e.matched(),
                    e.bytesPerLine() == null ? "-" : String.format(Locale.ROOT, "%.0f", e.bytesPerLine()), agrees));
            if (e.checked() < e.lines()) {
                sb.append(String.format(Locale.ROOT, "    checked %,d of %,d lines (runaway patterns: pass limit)%n",
                        e.checked(), e.lines()));
            }
            for (EngineResult.Disagreement d : e.examples()) {
                sb.append(String.format(Locale.ROOT, "    line %d: mailtrace %s; %s %s%n", d.line(), d.mailtrace(),
                        e.engine(), d.other()));
            }
        }
        if (r.profileSlowdown() != null) {
            sb.append(String.format(Locale.ROOT, "profiler: %,.0f lines/s instrumented, %.2fx slower than plain matching%n",
                    r.profileLinesPerS(), r.profileSlowdown()));
        }
        if (!r.patterns().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%npatterns by cost%n%5s %6s %10s %10s %9s %12s %10s %8s  %s%n", "#",
                    "share", "attempts", "matches", "timeouts", "ns/attempt", "p99 ns", "warn", "pattern"));
            List<PatternProfile> byCost = new ArrayList<>(r.patterns());
            byCost.sort(Comparator.comparingDouble(PatternProfile::timeShare).reversed());
            for (PatternProfile p : byCost) {
                sb.append(String.format(Locale.ROOT, "%5d %5.1f%% %10d %10d %9d %12s %10.0f %8d  %s%n", p.index(),
                        100 * p.timeShare(), p.attempts(), p.matches(), p.timeouts(),
                        String.format(Locale.ROOT, "%,.0f", p.nsPerAttempt()), p.p99Ns(), p.warnings().size(),
                        p.pattern()));
            }
        }
        List<PatternWarning> warnings = r.patterns().stream().flatMap(p -> p.warnings().stream()).toList();
        if (!warnings.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nwarnings (catastrophic backtracking)%n"));
            for (PatternWarning w : warnings) {
                sb.append("  ").append(w.confirmed() ? "CONFIRMED " : "").append(w.describe()).append('\n');
            }
        }
        if (!r.slowestLines().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nslowest lines%n"));
            for (SlowLine s : r.slowestLines()) {
                sb.append(String.format(Locale.ROOT, "  %s:%d  %,d ns, mostly pattern #%d: %s%n", s.source(),
                        s.lineInSource(), s.ns(), s.pattern(), s.text()));
            }
        }
        Environment env = r.environment();
        sb.append(String.format(Locale.ROOT, "%n%s; %s; %s, %d cores%n", env.jdk(), env.os(), env.cpu(), env.cores()));
        return sb.toString();
    }
}
