package dev.mailtrace.bench.api;

import java.util.List;
import java.util.Locale;

/**
 * A {@link BenchmarkResult} as one self-contained HTML page: no script, no network, inline SVG bar
 * charts of the cost per pattern, the engines side by side and the distribution of line times.
 */
public final class HtmlReport {

    private static final int WIDTH = 640;

    private HtmlReport() {
    }

    /** The page. */
    public static String of(BenchmarkResult r) {
        StringBuilder sb = new StringBuilder(16 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>mailtrace bench</title>\n")
                .append("<style>body{font:14px sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}")
                .append("td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}td.l,th.l{text-align:left}")
                .append("code{font-size:13px}.warn{color:#a00}svg text{font:12px sans-serif}</style></head><body>\n");
        sb.append("<h1>mailtrace bench</h1>\n<p>").append(esc(String.format(Locale.ROOT,
                "%,d lines, %.1f MB, %s, %s, match budget %d ms, %s mode. %s; %s; %s, %d cores.", r.lines(),
                r.bytes() / 1e6, r.syntax(), r.semantics(), r.matchTimeoutMs(), r.mode(), r.environment().jdk(),
                r.environment().os(), r.environment().cpu(), r.environment().cores()))).append("</p>\n");

        sb.append("<h2>Engines</h2>\n");
        List<EngineResult> ok = r.engines().stream().filter(e -> e.failure() == null).toList();
        bars(sb, ok.stream().map(EngineResult::engine).toList(),
                ok.stream().mapToDouble(EngineResult::linesPerS).toArray(), "lines/s");
        sb.append("<table><tr><th class=l>engine</th><th>lines/s</th><th>± 99.9%</th><th>MB/s</th><th>bytes/line</th>")
                .append("<th>matched</th><th class=l>agrees with mailtrace</th></tr>\n");
        for (EngineResult e : r.engines()) {
            sb.append("<tr><td class=l>").append(esc(e.engine())).append("</td>");
            if (e.failure() != null) {
                sb.append("<td colspan=6 class=\"l warn\">could not run: ").append(esc(e.failure())).append("</td></tr>\n");
                continue;
            }
            sb.append(td("%,.0f", e.linesPerS())).append(e.error() == null ? "<td>-</td>" : td("%,.0f", e.error()))
                    .append(td("%.1f", e.mbPerS()))
                    .append(e.bytesPerLine() == null ? "<td>-</td>" : td("%.0f", e.bytesPerLine()))
                    .append("<td>").append(e.matched()).append("</td><td class=l>")
                    .append(e.agreesWithMailtrace() ? "yes" : "<span class=warn>no: " + e.disagreements() + " of "
                            + e.compared() + " lines differ</span>")
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");

        if (!r.patterns().isEmpty()) {
            sb.append("<h2>Cost per pattern</h2>\n");
            bars(sb, r.patterns().stream().map(p -> "#" + p.index()).toList(),
                    r.patterns().stream().mapToDouble(p -> 100 * p.timeShare()).toArray(), "% of the time");
            sb.append("<table><tr><th>#</th><th>share</th><th>attempts</th><th>matches</th><th>timeouts</th>")
                    .append("<th>ns/attempt</th><th>p99 ns</th><th class=l>pattern</th></tr>\n");
            for (PatternProfile p : r.patterns()) {
                sb.append("<tr><td>").append(p.index()).append("</td>").append(td("%.1f%%", 100 * p.timeShare()))
                        .append("<td>").append(p.attempts()).append("</td><td>").append(p.matches())
                        .append("</td><td>").append(p.timeouts()).append("</td>").append(td("%,.0f", p.nsPerAttempt()))
                        .append(td("%,.0f", p.p99Ns())).append("<td class=l><code>").append(esc(p.pattern()))
                        .append("</code>");
                for (PatternWarning w : p.warnings()) {
                    sb.append("<br><span class=warn>").append(w.confirmed() ? "confirmed: " : "")
                            .append(esc(w.describe())).append("</span>");
                }
                sb.append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        if (!r.latency().isEmpty()) {
            sb.append("<h2>Time per line</h2>\n");
            bars(sb, r.latency().stream().map(b -> "≥ " + ns(b[0])).toList(),
                    r.latency().stream().mapToDouble(b -> b[1]).toArray(), "lines");
        }
        if (!r.slowestLines().isEmpty()) {
            sb.append("<h2>Slowest lines</h2>\n<table><tr><th class=l>where</th><th>ns</th><th>pattern</th>")
                    .append("<th class=l>line</th></tr>\n");
            for (SlowLine s : r.slowestLines()) {
                sb.append("<tr><td class=l>").append(esc(s.source() + ":" + s.lineInSource())).append("</td>")
                        .append(td("%,d", s.ns())).append("<td>#").append(s.pattern()).append("</td><td class=l><code>")
                        .append(esc(s.text())).append("</code></td></tr>\n");
            }
            sb.append("</table>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    /** A horizontal bar chart. */
    private static void bars(StringBuilder sb, List<String> labels, double[] values, String unit) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        int rowHeight = 22;
        int labelWidth = 110;
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " role=\"img\" aria-label=\"%s\">\n", WIDTH, rowHeight * values.length + 10, esc(unit)));
        for (int i = 0; i < values.length; i++) {
            double w = max == 0 ? 0 : (WIDTH - labelWidth - 150) * values[i] / max;
            int y = i * rowHeight + 4;
            sb.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\""
                            + " height=\"16\" fill=\"#4a7ab8\"/><text x=\"%.1f\" y=\"%d\">%s %s</text>\n", y + 13,
                    esc(labels.get(i)), labelWidth, y, w, labelWidth + w + 6, y + 13,
                    String.format(Locale.ROOT, "%,.1f", values[i]), esc(unit)));
        }
        sb.append("</svg>\n");
    }

    private static String ns(long ns) {
        return ns >= 1_000_000 ? ns / 1_000_000 + " ms" : ns >= 1000 ? ns / 1000 + " µs" : ns + " ns";
    }

    private static String td(String format, double v) {
        return "<td>" + String.format(Locale.ROOT, format, v) + "</td>";
    }

    private static String td(String format, long v) {
        return "<td>" + String.format(Locale.ROOT, format, v) + "</td>";
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
