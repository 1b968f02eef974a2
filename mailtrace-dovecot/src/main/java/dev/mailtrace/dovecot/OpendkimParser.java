package dev.mailtrace.dovecot;

import static dev.mailtrace.dovecot.Bytes.ascii;
import static dev.mailtrace.dovecot.Bytes.at;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The byte scanner of the opendkim dialect: {@code JOBID: text}, where the job id is the MTA's
 * queue id (the milter macro {@code {i}}), with the texts of opendkim.c's {@code syslog} calls.
 */
final class OpendkimParser {

    private OpendkimParser() {
    }

    private static final byte[] UNKNOWN_JOBID = ascii("(unknown-jobid)");
    private static final byte[] NOQUEUE = ascii("NOQUEUE");
    private static final byte[] FIELD_ADDED = ascii(" field added (s=");
    private static final byte[] COMMA_D = ascii(", d=");
    private static final byte[] VERIFICATION_OK = ascii("DKIM verification successful");
    private static final byte[] S_EQ = ascii("s=");
    private static final byte[] D_EQ = ascii(" d=");
    private static final byte[] SSL = ascii("SSL");
    private static final byte[] BAD_SIGNATURE_DATA = ascii("bad signature data");
    private static final byte[] NO_SIGNATURE_DATA = ascii("no signature data");
    private static final byte[] KEY_RETRIEVAL_FAILED = ascii("key retrieval failed");
    private static final byte[] KEY_REVOKED = ascii("key revoked");
    private static final byte[] SIGNATURE_PROCESSING_FAILED = ascii("signature processing failed: ");
    private static final byte[] SIGNATURE_EQ = ascii("signature=");
    private static final byte[] NO_SIGNING_TABLE = ascii("no signing table match for ");
    private static final byte[] NO_SIGNING_DOMAIN = ascii("no signing domain match for ");
    private static final byte[] NO_SIGNING_SUBDOMAIN = ascii("no signing subdomain match for ");
    private static final byte[] NOT_INTERNAL = ascii(" not internal");
    private static final byte[] NOT_AUTHENTICATED = ascii("not authenticated");
    private static final byte[] NOT_POP_AUTHENTICATED = ascii("not POP authenticated");
    private static final byte[] DOMAIN_QUOTE = ascii("domain '");
    private static final byte[] EXEMPTED = ascii(" exempted");
    private static final byte[] SKIPPING = ascii("skipping signing of mail to ");
    private static final byte[] NO_MTA_NAME = ascii("no MTA name match");
    private static final byte[] NO_SENDER = ascii("can't determine message sender");
    private static final byte[] EXTERNAL_HOST = ascii("external host ");
    private static final byte[] ATTEMPTED = ascii(" attempted to send as ");
    private static final byte[] NOT_FOUND = ascii("not found");
    private static final byte[] NXDOMAIN = ascii("NXDOMAIN");
    private static final byte[] DOMAIN_EQ = ascii("domain=");
    private static final byte[] SELECTOR_EQ = ascii("selector=");
    private static final byte[] RESULT_EQ = ascii("result=\"");
    private static final byte[] VERIFIED = ascii("verified");

    static boolean parse(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        if (s < 0 || e > b.length || s >= e) {
            return false;
        }
        e = Bytes.trimEnd(b, s, e);
        String queueId = null;
        int p = s;
        int c = jobIdEnd(b, s, e);
        if (c > 0) {
            if (!Bytes.is(b, s, c, UNKNOWN_JOBID) && !Bytes.is(b, s, c, NOQUEUE)) {
                queueId = Bytes.str(b, s, c);
            }
            p = c + 2;
            if (perMessage(b, p, e, queueId, out)) {
                return true;
            }
        }
        if (p >= e) {
            return false;
        }
        out.accept(new FilterNotice(OpendkimDialect.NOTICE, queueId, null, null, Bytes.str(b, p, e)));
        return true;
    }

    /** The {@code :} after a job id at {@code s} (queue id, {@code NOQUEUE}, {@code (unknown-jobid)}), or -1. */
    private static int jobIdEnd(byte[] b, int s, int e) {
        if (at(b, s, e, UNKNOWN_JOBID)) {
            int c = s + UNKNOWN_JOBID.length;
            return at(b, c, e, COLON_SPACE) ? c : -1;
        }
        int q = Bytes.alnums(b, s, e);
        if (q - s < 5 || q - s > 40 || !at(b, q, e, COLON_SPACE)) {
            return -1;
        }
        if (Bytes.is(b, s, q, NOQUEUE)) {
            return q;
        }
        for (int i = s; i < q; i++) {
            if (Bytes.isDigit(b[i])) {
                return q;
            }
        }
        return -1;
    }

    private static final byte[] COLON_SPACE = ascii(": ");

    private static boolean perMessage(byte[] b, int p, int e, String queueId, Consumer<? super LogEvent> out) {
        if (p >= e) {
            return false;
        }
        int fa = Bytes.find(b, p, e, FIELD_ADDED);
        if (fa > p && Bytes.find(b, p, fa, (byte) ' ') < 0) {
            int ss = fa + FIELD_ADDED.length;
            int cd = Bytes.find(b, ss, e, COMMA_D);
            if (cd > 0 && b[e - 1] == ')') {
                out.accept(new DkimSignature(queueId, Words.of(b, p, fa), Words.of(b, ss, cd),
                        Words.of(b, cd + COMMA_D.length, e - 1)));
                return true;
            }
        }
        if (at(b, p, e, VERIFICATION_OK)) {
            out.accept(new DkimVerification(queueId, "pass", null, null, null, Bytes.str(b, p, e)));
            return true;
        }
        if (at(b, p, e, S_EQ)) {
            // s=SEL d=DOM SSL error...
            int se = Bytes.word(b, p, e);
            if (at(b, se, e, D_EQ)) {
                int ds = se + D_EQ.length;
                int de = Bytes.word(b, ds, e);
                int x = Bytes.skipSpaces(b, de, e);
                if (at(b, x, e, SSL)) {
                    int es = Bytes.skipSpaces(b, x + SSL.length, e);
                    out.accept(new DkimVerification(queueId, "fail", Words.of(b, p + 2, se), Words.of(b, ds, de),
                            es < e ? Bytes.str(b, es, e) : null, Bytes.str(b, p, e)));
                    return true;
                }
            }
            return false;
        }
        if (at(b, p, e, SSL) && (p + SSL.length == e || b[p + SSL.length] == ' ')) {
            int es = Bytes.skipSpaces(b, p + SSL.length, e);
            out.accept(new DkimVerification(queueId, "fail", null, null, es < e ? Bytes.str(b, es, e) : null,
                    Bytes.str(b, p, e)));
            return true;
        }
        if (at(b, p, e, BAD_SIGNATURE_DATA)) {
            out.accept(new DkimVerification(queueId, "fail", null, null, null, Bytes.str(b, p, e)));
            return true;
        }
        if (at(b, p, e, NO_SIGNATURE_DATA)) {
            out.accept(new DkimVerification(queueId, "none", null, null, null, Bytes.str(b, p, e)));
            return true;
        }
        if (at(b, p, e, KEY_RETRIEVAL_FAILED) || at(b, p, e, KEY_REVOKED)) {
            boolean revoked = at(b, p, e, KEY_REVOKED);
            int q = p + (revoked ? KEY_REVOKED.length : KEY_RETRIEVAL_FAILED.length);
            String selector = null;
            String domain = null;
            if (at(b, q, e, OPEN_S)) {
                int ss = q + OPEN_S.length;
                int cd = Bytes.find(b, ss, e, COMMA_D);
                int close = Bytes.find(b, ss, e, (byte) ')');
                if (cd > 0 && close > cd) {
                    selector = Words.of(b, ss, cd);
                    domain = Words.of(b, cd + COMMA_D.length, close);
                    q = close + 1;
                }
            }
            String error = at(b, q, e, COLON_SPACE) ? Bytes.str(b, q + 2, e) : null;
            String result;
            if (revoked) {
                result = "fail";
            } else {
                result = Bytes.find(b, q, e, NOT_FOUND) >= 0 || Bytes.find(b, q, e, NXDOMAIN) >= 0 ? "permerror"
                        : "temperror";
            }
            out.accept(new DkimVerification(queueId, result, selector, domain, error, Bytes.str(b, p, e)));
            return true;
        }
        if (at(b, p, e, SIGNATURE_PROCESSING_FAILED)) {
            out.accept(new DkimVerification(queueId, "permerror", null, null,
                    Bytes.str(b, p + SIGNATURE_PROCESSING_FAILED.length, e), Bytes.str(b, p, e)));
            return true;
        }
        if (at(b, p, e, SIGNATURE_EQ)) {
            // LogResults: signature=... domain=... selector=... result="..."[; ...]; the first signature
            int end1 = Bytes.find(b, p, e, (byte) ';');
            int e1 = end1 < 0 ? e : end1;
            int dm = Bytes.find(b, p, e1, DOMAIN_EQ);
            int sl = Bytes.find(b, p, e1, SELECTOR_EQ);
            int rs = Bytes.find(b, p, e1, RESULT_EQ);
            if (rs > 0) {
                int vs = rs + RESULT_EQ.length;
                int ve = Bytes.find(b, vs, e1, (byte) '"');
                ve = ve < 0 ? e1 : ve;
                String domain = dm < 0 ? null : Words.of(b, dm + DOMAIN_EQ.length, Bytes.word(b, dm, e1));
                String selector = sl < 0 ? null : Words.of(b, sl + SELECTOR_EQ.length, Bytes.word(b, sl, e1));
                String result = Bytes.find(b, vs, ve, VERIFIED) >= 0 ? "pass" : "fail";
                out.accept(new DkimVerification(queueId, result, selector, domain, Bytes.str(b, vs, ve),
                        Bytes.str(b, p, e)));
                return true;
            }
            return false;
        }
        String reason = null;
        String target = null;
        String host = null;
        String ip = null;
        if (at(b, p, e, NO_SIGNING_TABLE)) {
            reason = "no_signing_table_match";
            target = quoted(b, p + NO_SIGNING_TABLE.length, e);
        } else if (at(b, p, e, NO_SIGNING_DOMAIN)) {
            reason = "no_signing_domain_match";
            target = quoted(b, p + NO_SIGNING_DOMAIN.length, e);
        } else if (at(b, p, e, NO_SIGNING_SUBDOMAIN)) {
            reason = "no_signing_subdomain_match";
            target = quoted(b, p + NO_SIGNING_SUBDOMAIN.length, e);
        } else if (Bytes.endsWith(b, p, e, NOT_INTERNAL)) {
            reason = "not_internal";
            int te = e - NOT_INTERNAL.length;
            int open = Bytes.findLast(b, p, te, (byte) '[');
            if (open > p && b[te - 1] == ']') {
                ip = Words.of(b, open + 1, te - 1);
                host = Words.of(b, p, Bytes.trimEnd(b, p, open));
            }
        } else if (Bytes.is(b, p, e, NOT_AUTHENTICATED)) {
            reason = "not_authenticated";
        } else if (Bytes.is(b, p, e, NOT_POP_AUTHENTICATED)) {
            reason = "not_pop_authenticated";
        } else if (at(b, p, e, DOMAIN_QUOTE) && Bytes.find(b, p, e, EXEMPTED) > 0) {
            reason = "exempted";
            target = quoted(b, p + DOMAIN_QUOTE.length - 1, e);
        } else if (at(b, p, e, SKIPPING)) {
            reason = "skipped";
            target = quoted(b, p + SKIPPING.length, e);
        } else if (at(b, p, e, NO_MTA_NAME)) {
            reason = "no_mta_name_match";
        } else if (at(b, p, e, NO_SENDER)) {
            reason = "no_sender";
        } else if (at(b, p, e, EXTERNAL_HOST)) {
            int hs = p + EXTERNAL_HOST.length;
            int as = Bytes.find(b, hs, e, ATTEMPTED);
            if (as > hs) {
                reason = "external_sender";
                host = Words.of(b, hs, as);
                target = Bytes.str(b, as + ATTEMPTED.length, e);
            }
        }
        if (reason == null) {
            return false;
        }
        out.accept(new DkimNotSigned(queueId, reason, target, host, ip, Bytes.str(b, p, e)));
        return true;
    }

    private static final byte[] OPEN_S = ascii(" (s=");

    /** The text in single quotes at {@code p}, or the rest. */
    private static String quoted(byte[] b, int p, int e) {
        if (p < e && b[p] == '\'') {
            int close = Bytes.find(b, p + 1, e, (byte) '\'');
            if (close > p) {
                return Bytes.str(b, p + 1, close);
            }
        }
        return p < e ? Bytes.str(b, p, e) : null;
    }
}
