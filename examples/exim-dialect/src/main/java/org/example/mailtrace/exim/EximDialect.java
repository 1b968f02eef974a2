package org.example.mailtrace.exim;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * Exim's main log, as Exim writes it to syslog ({@code exim[1234]: 1rAbCd-000123-AB <= ...}):
 * arrivals {@code <=}, deliveries {@code =>} and {@code ->}, failures {@code **}, deferrals
 * {@code ==}, {@code Completed}, and refusals ({@code rejected RCPT ...}).
 *
 * <p>Written for clarity, on the decoded message; a production dialect scans the bytes (see
 * mailtrace-postfix). Stateless, so one instance serves every thread.
 */
public final class EximDialect implements LogDialect {

    /** The dialect's name. */
    public static final String NAME = "exim";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> programs() {
        return Set.of("exim", "exim4", "exim*");
    }

    @Override
    public List<EventType> eventTypes() {
        return List.of(EximEvents.Arrival.TYPE, EximEvents.Delivery.TYPE, EximEvents.Completed.TYPE,
                EximEvents.Reject.TYPE);
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        String m = line.message();
        int space = m.indexOf(' ');
        if (space > 0 && isMessageId(m.substring(0, space))) {
            LogEvent e = messageLine(m.substring(0, space), m.substring(space + 1));
            if (e == null) {
                return false;
            }
            out.accept(e);
            return true;
        }
        int rejected = m.indexOf(" rejected ");
        if (rejected > 0) {
            out.accept(reject(m, rejected));
            return true;
        }
        return false;
    }

    /** Exim message ids: {@code 1rAbCd-000123-AB} (and the longer 4.97+ middle part). */
    static boolean isMessageId(String s) {
        String[] p = s.split("-", -1);
        return p.length == 3 && p[0].length() == 6 && p[1].length() >= 6 && p[1].length() <= 11
                && (p[2].length() == 2 || p[2].length() == 4) && alnum(p[0]) && alnum(p[1]) && alnum(p[2]);
    }

    private static boolean alnum(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    private static LogEvent messageLine(String id, String rest) {
        if (rest.equals("Completed")) {
            return new EximEvents.Completed(id);
        }
        if (rest.length() < 3 || rest.charAt(2) != ' ') {
            return null;
        }
        String flag = rest.substring(0, 2);
        String body = rest.substring(3);
        switch (flag) {
            case "<=": {
                int sp = body.indexOf(' ');
                String sender = sp < 0 ? body : body.substring(0, sp);
                EximFields f = EximFields.parse(sp < 0 ? "" : body.substring(sp + 1));
                return new EximEvents.Arrival(id, sender.equals("<>") ? "" : sender, f.host(), f.helo(), f.get("P"),
                        f.number("S"), f.get("id"), f.get("A"));
            }
            case "=>":
            case "->":
                return delivery(id, body, DeliveryStatus.SENT);
            case "**":
                return delivery(id, body, DeliveryStatus.BOUNCED);
            case "==":
                return delivery(id, body, DeliveryStatus.DEFERRED);
            default:
                return null;
        }
    }

    private static EximEvents.Delivery delivery(String id, String body, DeliveryStatus status) {
        // addr [<orig>] [R=.. T=.. H=.. C="..."] [: error text]   (failures/deferrals end in ": text")
        int sp = body.indexOf(' ');
        String to = sp < 0 ? body : body.substring(0, sp);
        if (to.endsWith(":")) {
            to = to.substring(0, to.length() - 1);
        }
        String rest = sp < 0 ? "" : body.substring(sp + 1);
        String orig = null;
        if (rest.startsWith("<")) {
            int close = rest.indexOf('>');
            if (close > 0) {
                orig = rest.substring(1, close);
                rest = rest.substring(close + 1).trim();
            }
        }
        String error = null;
        int defer = status == DeliveryStatus.DEFERRED ? rest.indexOf(" defer (") : -1;
        int colon = status == DeliveryStatus.SENT ? -1 : rest.indexOf(": ");
        if (defer >= 0) {
            error = rest.substring(defer + 1); // keep the errno: "defer (110): Connection timed out"
            rest = rest.substring(0, defer);
        } else if (colon >= 0) {
            error = rest.substring(colon + 2);
            rest = rest.substring(0, colon);
        }
        EximFields f = EximFields.parse(rest);
        String confirmation = f.get("C");
        String response = confirmation != null ? confirmation : error;
        String relay = f.get("H");
        return new EximEvents.Delivery(id, to, orig, f.get("R"), f.get("T"), relay == null ? null : relay.trim(),
                status, response, queuedAs(confirmation));
    }

    /** The next hop's queue id in a confirmation such as {@code 250 2.0.0 Ok: queued as 2B7E4C0A11}. */
    static String queuedAs(String confirmation) {
        if (confirmation == null) {
            return null;
        }
        int at = confirmation.lastIndexOf("queued as ");
        if (at < 0) {
            return null;
        }
        String rest = confirmation.substring(at + 10).trim();
        int end = 0;
        while (end < rest.length() && Character.isLetterOrDigit(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? null : rest.substring(0, end);
    }

    private static EximEvents.Reject reject(String m, int rejected) {
        EximFields f = EximFields.parse(m.substring(0, rejected));
        String what = m.substring(rejected + " rejected ".length());
        String stage;
        String recipient = null;
        if (what.startsWith("RCPT ")) {
            stage = "RCPT";
            int close = what.indexOf('>');
            recipient = what.startsWith("RCPT <") && close > 0 ? what.substring(6, close) : null;
        } else if (what.startsWith("MAIL ")) {
            stage = "MAIL";
        } else if (what.startsWith("after DATA")) {
            stage = "DATA";
        } else if (what.startsWith("EHLO") || what.startsWith("HELO")) {
            stage = "HELO";
        } else {
            stage = "CONNECT";
        }
        int colon = what.indexOf(": ");
        String reason = colon >= 0 ? what.substring(colon + 2) : what;
        String from = f.get("F");
        if (from != null && from.startsWith("<") && from.endsWith(">")) {
            from = from.substring(1, from.length() - 1);
        }
        return new EximEvents.Reject(f.host(), f.helo(), stage, from, recipient, reason);
    }
}
