package dev.mailtrace.postfix;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * The postfix dialect: the log lines of every postfix 2.x/3.x program (smtpd, smtp, lmtp, qmgr,
 * cleanup, pickup, bounce, local, virtual, pipe, error, discard, postscreen, dnsblog, anvil, scache,
 * master, tlsmgr, tlsproxy, postsuper, postdrop, sendmail, verify, trivial-rewrite, postfix-script,
 * postmap, postalias, and the {@code warning:}/{@code error:}/{@code fatal:}/{@code panic:} lines of
 * any of them) as typed events, short and long queue ids, multi-instance and custom
 * {@code syslog_name}s ({@code postfix-out/smtp}, {@code postfix/submission/smtpd}).
 *
 * <p>Claims {@code postfix*}{@code /*}. Lines are read by hand-written byte scanners that dispatch on
 * the message's queue id and leading literal; only event fields become Strings. Unknown shapes
 * make {@link #parse} return false; no input makes it throw (a scanner bug would surface as an
 * exception, which {@code LogParser} reports as a failed dialect). Stateless and thread-safe: one
 * instance serves any number of threads.
 */
public final class PostfixDialect implements LogDialect {

    /** The dialect's name. */
    public static final String NAME = "postfix";

    private static final List<EventType> EVENT_TYPES = List.of(
            Connect.TYPE, Disconnect.TYPE, LostConnection.TYPE, ImproperPipelining.TYPE, SmtpdClient.TYPE,
            Pickup.TYPE, MessageId.TYPE, ResentMessageId.TYPE, Sender.TYPE, Delivery.TYPE, Removed.TYPE,
            Expired.TYPE, Skipped.TYPE, Bounce.TYPE, Reject.TYPE, SmtpdAction.TYPE, Proxy.TYPE, HeaderCheck.TYPE,
            Milter.TYPE, Tls.TYPE, TlsError.TYPE, ConnectError.TYPE, SmtpError.TYPE, PixWorkarounds.TYPE,
            StarttlsOffered.TYPE, SaslAuthFailed.TYPE, Postscreen.TYPE, CacheCleanup.TYPE, DnsblListing.TYPE,
            Anvil.TYPE, Scache.TYPE, Master.TYPE, Postsuper.TYPE, EhloKeywordsDiscarded.TYPE, Warning.TYPE,
            Notice.TYPE);

    private static final String POSTFIX_SCRIPT = "/postfix-script";

    /** Created by {@link java.util.ServiceLoader} or directly; stateless. */
    public PostfixDialect() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> programs() {
        return Set.of("postfix*/*");
    }

    @Override
    public List<EventType> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        byte[] b = line.bytes();
        int s = line.messageStart();
        int e = line.messageEnd();
        if (PostfixParser.parse(b, s, e, out)) {
            return true;
        }
        // postfix-script logs plain sentences ("starting the Postfix mail system", ...)
        String program = line.program();
        if (program != null && program.endsWith(POSTFIX_SCRIPT) && s < e) {
            out.accept(new Notice(null, Bytes.str(b, s, e)));
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "PostfixDialect";
    }
}
