package dev.mailtrace.postfix;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.testkit.PipelineInvariants;

/**
 * Fuzzes the postfix dialect on the whole way of a log: raw bytes, syslog header, the dialect, the
 * aggregator (see {@link PipelineInvariants} for what must hold). Seeds: the logs in
 * {@code src/test/resources/dev/mailtrace/postfix/PostfixFuzzTestInputs}; a finding is written there
 * and stays as a regression input. The README says how to fuzz longer.
 */
class PostfixFuzzTest {

    private static final PipelineInvariants PIPELINE = PipelineInvariants.of(DialectRegistry.load());

    @FuzzTest(maxDuration = "2s")
    @Timeout(30)
    @DictionaryEntries({
        "postfix/smtpd[1]: ", "postfix/qmgr[2]: ", "postfix/smtp[3]: ", "postfix/cleanup[4]: ", ": to=<", ": from=<",
        ", relay=", ", status=sent (", "status=bounced", "status=deferred", "queued as ", "NOQUEUE: reject: RCPT from ",
        "client=", "message-id=<", ": removed", "sender non-delivery notification: ", "[127.0.0.1]:10025",
        "Nov 24 10:04:01 mx1 "})
    void anyLogKeepsTheInvariants(byte[] log) {
        PIPELINE.check(log);
    }
}
