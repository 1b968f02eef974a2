package dev.mailtrace.cli;

import dev.mailtrace.bench.api.PatternSyntax;
import dev.mailtrace.grok.PatternBank;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mailtrace bench grok}: grok patterns, resolved in the built-in bank, -d directories and -f files. */
@Command(name = "grok",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Benchmark and profile grok patterns on log files: which pattern costs what, engines side by side.",
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done",
            "1:a log file could not be read, or --measure could not run JMH",
            "2:bad usage, bad pattern (pattern and column on stderr) or bad baseline",
            "3:a figure regressed from --baseline beyond the measured noise"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mailtrace bench grok -f postfix.grok -p '%%{POSTFIX_SMTPD}' -p '%%{POSTFIX_QMGR}' /var/log/mail.log",
            "  mailtrace bench grok --engine mailtrace,jdk,es-grok --format json -p '%%{SYSLOGBASE}' mail.log > now.json",
            "  mailtrace bench grok --baseline before.json -p '%%{SYSLOGBASE}' mail.log   # exit 3 on a regression"
        })
final class BenchGrokCommand extends BenchPatternsCommand {

    @Mixin
    PatternBankOptions bankOptions;

    @Override
    PatternSyntax syntax() {
        return PatternSyntax.GROK;
    }

    @Override
    PatternBank bank() {
        return bankOptions.build();
    }
}
