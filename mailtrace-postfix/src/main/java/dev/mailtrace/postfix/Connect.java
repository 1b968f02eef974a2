package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A connection opened: smtpd {@code connect from mail.example.org[192.0.2.1]}, postscreen
 * {@code CONNECT from [192.0.2.1]:52114 to [198.51.100.10]:25}, tlsproxy
 * {@code CONNECT from [192.0.2.1]:52114} or {@code CONNECT to mx.example.org[192.0.2.1]:25}.
 *
 * @param client the connecting client, or null
 * @param relay the server connected to by tlsproxy's client role, or null
 * @param serverIp the local address postscreen accepted on, or null
 * @param serverPort the local port postscreen accepted on, or -1
 */
public record Connect(Client client, Relay relay, String serverIp, int serverPort) implements LogEvent {

    /** {@code postfix/connect}. */
    public static final EventType TYPE = F.type("connect", "a client connected (smtpd, postscreen, tlsproxy)",
            F.client("client"), F.relay("relay"),
            FieldSpec.ip("server_ip", "local address the connection came in on (postscreen)"),
            FieldSpec.number("server_port", "local port the connection came in on (postscreen)"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.client(out, "client", client);
        F.relay(out, "relay", relay);
        F.str(out, "server_ip", serverIp);
        out.count("server_port", serverPort);
    }
}
