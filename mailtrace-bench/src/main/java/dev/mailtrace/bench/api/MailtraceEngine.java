package dev.mailtrace.bench.api;

import java.util.Map;

import dev.mailtrace.grok.GrokMatcher;

/** mailtrace's grok: the whole set in one matcher, on the sample's bytes. */
final class MailtraceEngine implements LineEngine {

    private final LineSample lines;
    private final GrokMatcher matcher;

    MailtraceEngine(CompiledSet set, LineSample lines) {
        this.lines = lines;
        this.matcher = set.whole.matcher();
    }

    @Override
    public int match(int i) {
        return switch (matcher.match(lines.bytes(), lines.start(i), lines.length(i))) {
            case MATCHED -> matcher.patternIndex();
            case NO_MATCH -> NO_MATCH;
            case TIMED_OUT -> TIMED_OUT;
        };
    }

    @Override
    public Map<String, Object> captures() {
        return matcher.toMap();
    }

    @Override
    public void close() {
    }
}
