package dev.mailtrace.event;

import java.util.Map;

/**
 * Meanings of enhanced mail system status codes ({@code 5.1.1}: RFC 3463 and the IANA registry
 * that extends it), so that output can say "bad destination mailbox address" next to the code.
 */
public final class EnhancedStatusCode {

    private static final Map<String, String> DETAIL = Map.ofEntries(
            Map.entry("0.0", "other undefined status"),
            Map.entry("1.0", "other address status"),
            Map.entry("1.1", "bad destination mailbox address"),
            Map.entry("1.2", "bad destination system address"),
            Map.entry("1.3", "bad destination mailbox address syntax"),
            Map.entry("1.4", "destination mailbox address ambiguous"),
            Map.entry("1.5", "destination address valid"),
            Map.entry("1.6", "destination mailbox has moved, no forwarding address"),
            Map.entry("1.7", "bad sender's mailbox address syntax"),
            Map.entry("1.8", "bad sender's system address"),
            Map.entry("1.10", "recipient address has null MX"),
            Map.entry("2.0", "other or undefined mailbox status"),
            Map.entry("2.1", "mailbox disabled, not accepting messages"),
            Map.entry("2.2", "mailbox full"),
            Map.entry("2.3", "message length exceeds administrative limit"),
            Map.entry("2.4", "mailing list expansion problem"),
            Map.entry("3.0", "other or undefined mail system status"),
            Map.entry("3.1", "mail system full"),
            Map.entry("3.2", "system not accepting network messages"),
            Map.entry("3.3", "system not capable of selected features"),
            Map.entry("3.4", "message too big for system"),
            Map.entry("3.5", "system incorrectly configured"),
            Map.entry("4.0", "other or undefined network or routing status"),
            Map.entry("4.1", "no answer from host"),
            Map.entry("4.2", "bad connection"),
            Map.entry("4.3", "directory server failure"),
            Map.entry("4.4", "unable to route"),
            Map.entry("4.5", "mail system congestion"),
            Map.entry("4.6", "routing loop detected"),
            Map.entry("4.7", "delivery time expired"),
            Map.entry("5.0", "other or undefined protocol status"),
            Map.entry("5.1", "invalid command"),
            Map.entry("5.2", "syntax error"),
            Map.entry("5.3", "too many recipients"),
            Map.entry("5.4", "invalid command arguments"),
            Map.entry("5.5", "wrong protocol version"),
            Map.entry("5.6", "authentication exchange line is too long"),
            Map.entry("6.0", "other or undefined media error"),
            Map.entry("6.1", "media not supported"),
            Map.entry("6.2", "conversion required and prohibited"),
            Map.entry("6.3", "conversion required but not supported"),
            Map.entry("6.4", "conversion with loss performed"),
            Map.entry("6.5", "conversion failed"),
            Map.entry("6.6", "message content not available"),
            Map.entry("6.7", "non-ASCII addresses not permitted for that sender/recipient"),
            Map.entry("7.0", "other or undefined security status"),
            Map.entry("7.1", "delivery not authorized, message refused"),
            Map.entry("7.2", "mailing list expansion prohibited"),
            Map.entry("7.3", "security conversion required but not possible"),
            Map.entry("7.4", "security features not supported"),
            Map.entry("7.5", "cryptographic failure"),
            Map.entry("7.6", "cryptographic algorithm not supported"),
            Map.entry("7.7", "message integrity failure"),
            Map.entry("7.8", "authentication credentials invalid"),
            Map.entry("7.9", "authentication mechanism is too weak"),
            Map.entry("7.10", "encryption needed"),
            Map.entry("7.11", "encryption required for requested authentication mechanism"),
            Map.entry("7.12", "a password transition is needed"),
            Map.entry("7.13", "user account disabled"),
            Map.entry("7.14", "trust relationship required"),
            Map.entry("7.20", "no passing DKIM signature found"),
            Map.entry("7.21", "no acceptable DKIM signature found"),
            Map.entry("7.22", "no valid author-matched DKIM signature found"),
            Map.entry("7.23", "SPF validation failed"),
            Map.entry("7.24", "SPF validation error"),
            Map.entry("7.25", "reverse DNS validation failed"),
            Map.entry("7.26", "multiple authentication checks failed"),
            Map.entry("7.27", "sender address has null MX"),
            Map.entry("7.28", "mail flood detected"),
            Map.entry("7.29", "ARC validation failure"),
            Map.entry("7.30", "REQUIRETLS support required"));

    private EnhancedStatusCode() {
    }

    /**
     * What a code means: {@code "5.1.1"} gives
     * {@code "permanent failure: bad destination mailbox address"}.
     *
     * @return the meaning, or null if {@code code} is not of the form {@code class.subject.detail}
     */
    public static String describe(String code) {
        if (code == null || code.length() < 5 || code.charAt(1) != '.') {
            return null;
        }
        String cls;
        switch (code.charAt(0)) {
            case '2': cls = "success"; break;
            case '4': cls = "persistent transient failure"; break;
            case '5': cls = "permanent failure"; break;
            default: return null;
        }
        String rest = code.substring(2);
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            return null;
        }
        String detail = DETAIL.get(rest);
        if (detail == null) {
            detail = DETAIL.get(rest.substring(0, dot) + ".0");
        }
        return detail == null ? cls : cls + ": " + detail;
    }
}
