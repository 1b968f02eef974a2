package dev.mailtrace.postfix;

import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;

/**
 * The TLS policy outcome postfix 3.11+ appends to delivery lines
 * ({@code smtp_log_tls_feature_status}): {@code tls=dane}, {@code tls=may?},
 * {@code tls=may:none}, {@code tls=dane/!requiretls:nocertmatch}. Each
 * {@code /}-separated feature is {@code [!]initial[:final][?]}: {@code !} a policy violation,
 * {@code :final} the level it was downgraded to, {@code ?} undecided.
 *
 * @param securityLevel the TLS security level (may, encrypt, dane, verify, secure, ...)
 * @param downgradeLevel the level it ended at, or null
 * @param policyUndecided whether the TLS policy was undecided ({@code ?})
 * @param policyViolation whether the TLS policy was violated ({@code !})
 * @param requireTls whether REQUIRETLS was in effect
 * @param requireTlsDowngradeLevel what REQUIRETLS ended at, or null
 * @param requireTlsPolicyUndecided whether the REQUIRETLS policy was undecided
 * @param requireTlsPolicyViolation whether the REQUIRETLS policy was violated
 */
public record TlsFeatures(String securityLevel, String downgradeLevel, boolean policyUndecided,
        boolean policyViolation, boolean requireTls, String requireTlsDowngradeLevel,
        boolean requireTlsPolicyUndecided, boolean requireTlsPolicyViolation) {

    private static final byte[] REQUIRETLS = Bytes.ascii("requiretls");

    static FieldSpec[] fields() {
        return new FieldSpec[] {
            FieldSpec.keyword("tls_security_level", "TLS security level of the delivery (tls=)"),
            FieldSpec.keyword("tls_downgrade_level", "the level the TLS policy was downgraded to"),
            FieldSpec.bool("tls_policy_undecided", "TLS policy undecided (?)"),
            FieldSpec.bool("tls_policy_violation", "TLS policy violated (!)"),
            FieldSpec.bool("requiretls", "REQUIRETLS was in effect"),
            FieldSpec.keyword("requiretls_downgrade_level", "the level REQUIRETLS was downgraded to"),
            FieldSpec.bool("requiretls_policy_undecided", "REQUIRETLS policy undecided (?)"),
            FieldSpec.bool("requiretls_policy_violation", "REQUIRETLS policy violated (!)"),
        };
    }

    /** Parses {@code b[p, e)}; null if it is empty. */
    static TlsFeatures parse(byte[] b, int p, int e) {
        String level = null;
        String downgrade = null;
        boolean undecided = false;
        boolean violation = false;
        boolean requireTls = false;
        String rDowngrade = null;
        boolean rUndecided = false;
        boolean rViolation = false;
        boolean first = true;
        while (p < e) {
            int end = Bytes.find(b, p, e, (byte) '/');
            if (end < 0) {
                end = e;
            }
            int q = p;
            boolean bang = q < end && b[q] == '!';
            if (bang) {
                q++;
            }
            boolean question = end > q && b[end - 1] == '?';
            int nameEnd = question ? end - 1 : end;
            int colon = Bytes.find(b, q, nameEnd, (byte) ':');
            int initialEnd = colon < 0 ? nameEnd : colon;
            String fin = colon < 0 ? null : Words.of(b, colon + 1, nameEnd);
            if (Bytes.is(b, q, initialEnd, REQUIRETLS)) {
                requireTls = true;
                rDowngrade = fin;
                rUndecided = question;
                rViolation = bang;
            } else if (first) {
                level = Words.of(b, q, initialEnd);
                downgrade = fin;
                undecided = question;
                violation = bang;
            }
            first = false;
            p = end + 1;
        }
        if (level == null && !requireTls) {
            return null;
        }
        return new TlsFeatures(level, downgrade, undecided, violation, requireTls, rDowngrade, rUndecided, rViolation);
    }

    void writeFields(FieldWriter out) {
        F.str(out, "tls_security_level", securityLevel);
        F.str(out, "tls_downgrade_level", downgradeLevel);
        F.flag(out, "tls_policy_undecided", policyUndecided);
        F.flag(out, "tls_policy_violation", policyViolation);
        F.flag(out, "requiretls", requireTls);
        F.str(out, "requiretls_downgrade_level", requireTlsDowngradeLevel);
        F.flag(out, "requiretls_policy_undecided", requireTlsPolicyUndecided);
        F.flag(out, "requiretls_policy_violation", requireTlsPolicyViolation);
    }
}
