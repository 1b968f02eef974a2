package dev.mailtrace.dovecot;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.testkit.PipelineInvariants;

/**
 * Fuzzes the  on the whole way of a log: raw bytes, syslog header, the
 * dialect, the aggregator (see {@link PipelineInvariants} for what must hold). Seeds: the logs in
 * {@code src/test/resources/dev/mailtrace/dovecot/DovecotFuzzTestInputs}; a finding is written there and
 * stays as a regression input. The README says how to fuzz longer.
 */
class DovecotFuzzTest {

    private static final PipelineInvariants PIPELINE = PipelineInvariants.of(DialectRegistry.load());

    @FuzzTest(maxDuration = "2s")
    @Timeout(30)
    @DictionaryEntries({
        "dovecot: ", "lmtp(bob@example.org)<42><Bp6VKJkD2l+LBQAAh/fGkg>: ", "msgid=<", ": saved mail to INBOX",
        "sieve: ", "imap-login: Login: user=<", ", rip=", "auth: ", "amavis[1]: ",
        "(01907-04) Passed CLEAN {RelayedInbound}, ", "Queue-ID: ", "queued_as: ", "opendkim[2]: ",
        ": DKIM-Signature field added", "milter-greylist[3]: ", "MailScanner[4]: ", "Nov 24 10:00:01 mbox1 "})
    void anyLogKeepsTheInvariants(byte[] log) {
        PIPELINE.check(log);
    }
}
