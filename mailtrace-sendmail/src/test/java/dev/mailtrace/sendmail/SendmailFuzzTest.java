package dev.mailtrace.sendmail;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.testkit.PipelineInvariants;

/**
 * Fuzzes the  on the whole way of a log: raw bytes, syslog header, the
 * dialect, the aggregator (see {@link PipelineInvariants} for what must hold). Seeds: the logs in
 * {@code src/test/resources/dev/mailtrace/sendmail/SendmailFuzzTestInputs}; a finding is written there and
 * stays as a regression input. The README says how to fuzz longer.
 */
class SendmailFuzzTest {

    private static final PipelineInvariants PIPELINE = PipelineInvariants.of(DialectRegistry.load());

    @FuzzTest(maxDuration = "2s")
    @Timeout(30)
    @DictionaryEntries({
        "sm-mta[1]: ", "sendmail[2]: ", ": from=<", ", size=", ", nrcpts=", ", msgid=<", ", relay=", ": to=<",
        ", ctladdr=", ", delay=00:00:01", ", mailer=esmtp", ", dsn=2.0.0", ", stat=Sent (", "stat=Deferred: ",
        "ruleset=check_rcpt, arg1=<", ", reject=550 5.7.1 ", "Milter: ", "STARTTLS=client, relay=", "DSN: ",
        ": sender notify: ", "Nov 24 10:00:01 mx1 "})
    void anyLogKeepsTheInvariants(byte[] log) {
        PIPELINE.check(log);
    }
}
