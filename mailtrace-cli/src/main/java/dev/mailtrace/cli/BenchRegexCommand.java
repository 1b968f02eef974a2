package dev.mailtrace.cli;

import dev.mailtrace.bench.api.PatternSyntax;
import dev.mailtrace.grok.PatternBank;
import picocli.CommandLine.Command;

/** {@code mailtrace bench regex}: as {@code bench grok}, for plain regexes (Oniguruma syntax; {@code %{} is literal). */
@Command(name = "regex",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Benchmark and profile plain regexes (Ruby/Oniguruma syntax, as joni reads them) on log files.",
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done",
            "1:a log file could not be read, or --measure could not run JMH",
            "2:bad usage, bad regex (pattern and column on stderr) or bad baseline",
            "3:a figure regressed from --baseline beyond the measured noise"
        })
final class BenchRegexCommand extends BenchPatternsCommand {

    @Override
    PatternSyntax syntax() {
        return PatternSyntax.REGEX;
    }

    @Override
    PatternBank bank() {
        return PatternBank.empty();
    }
}
