package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A postscreen verdict on a client: {@code PASS NEW [192.0.2.1]:52114}, {@code PASS OLD},
 * {@code ALLOWLISTED}/{@code WHITELISTED}, {@code DENYLISTED}/{@code BLACKLISTED},
 * {@code ALLOWLIST VETO}, {@code PREGREET 11 after 0.2 from [192.0.2.1]:52114: EHLO x\r\n},
 * {@code DNSBL rank 3 for [...]:...}, {@code HANGUP after 1.1 from [...]:... in tests after SMTP
 * handshake}, {@code COMMAND PIPELINING from [...]:... after RCPT: ...}, {@code NON-SMTP COMMAND},
 * {@code BARE NEWLINE}, {@code COMMAND TIME/COUNT/LENGTH LIMIT}, {@code DATA without valid RCPT}.
 *
 * @param verdict the verdict words as logged
 * @param client the client
 * @param pregreetBytes the bytes sent before the greeting (PREGREET), or -1
 * @param elapsed seconds after the connection (PREGREET, HANGUP), or NaN
 * @param dnsblRank the combined DNSBL score (DNSBL rank), or -1
 * @param stage the command after which it happened, or null
 * @param data what the client sent, as logged, or null
 * @param phase when a HANGUP happened ({@code tests after SMTP handshake}), or null
 */
public record Postscreen(String verdict, Client client, int pregreetBytes, double elapsed, int dnsblRank, String stage,
        String data, String phase) implements LogEvent {

    /** {@code postfix/postscreen}. */
    public static final EventType TYPE = F.type("postscreen",
            "a postscreen verdict: PASS NEW/OLD, ALLOWLISTED, DENYLISTED, PREGREET, DNSBL, HANGUP, COMMAND ..., ...",
            FieldSpec.keyword("verdict", "PASS NEW, PASS OLD, ALLOWLISTED, DENYLISTED, ALLOWLIST VETO, PREGREET, DNSBL, "
                    + "HANGUP, COMMAND PIPELINING, NON-SMTP COMMAND, BARE NEWLINE, COMMAND TIME LIMIT, ..."),
            F.client("client"), FieldSpec.number("pregreet_bytes", "bytes the client sent before the greeting"),
            FieldSpec.decimal("elapsed", "seconds after the connection"),
            FieldSpec.number("dnsbl_rank", "combined DNSBL score"), F.STAGE,
            FieldSpec.text("data", "what the client sent, as logged"),
            FieldSpec.keyword("phase", "tests before/after SMTP handshake (HANGUP)"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "verdict", verdict);
        F.client(out, "client", client);
        out.count("pregreet_bytes", pregreetBytes);
        out.optionalDecimal("elapsed", elapsed);
        out.count("dnsbl_rank", dnsblRank);
        F.str(out, "stage", stage);
        F.str(out, "data", data);
        F.str(out, "phase", phase);
    }
}
