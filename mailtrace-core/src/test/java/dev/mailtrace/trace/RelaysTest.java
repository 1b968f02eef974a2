package dev.mailtrace.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Relays as MTAs log them, read into a place; the allocation-free reading agrees with the full one. */
class RelaysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "mx.example.net[192.0.2.1]:25                  | REMOTE   | mx.example.net | 192.0.2.1",
        "127.0.0.1[127.0.0.1]:10024                     | LOOPBACK | 127.0.0.1      | 127.0.0.1",
        "localhost[127.0.0.1]:10025                     | LOOPBACK | localhost      | 127.0.0.1",
        "[::1]:10024                                    | LOOPBACK | NULL           | ::1",
        "mx6.example.net[2001:db8::1]:25                | REMOTE   | mx6.example.net | 2001:db8::1",
        "mx6.example.net[ipv6:2001:db8::2]:25           | REMOTE   | mx6.example.net | 2001:db8::2",
        "mbox1.corp.example.net[private/dovecot-lmtp]   | LOCAL    | mbox1.corp.example.net | NULL",
        "local                                          | LOCAL    | local          | NULL",
        "none                                           | NONE     | NULL           | NULL",
        "mx.example.net. [192.0.2.9]                    | REMOTE   | mx.example.net | 192.0.2.9",
        "smtp.bar.com                                   | REMOTE   | smtp.bar.com   | NULL",
    })
    void readsRelays(String relay, Relays.Place place, String name, String ip) {
        Relays.Relay r = Relays.parse(relay);
        assertThat(r.place()).isEqualTo(place);
        assertThat(r.name()).isEqualTo(name);
        assertThat(r.ip()).isEqualTo(ip);
        assertThat(Relays.place(relay)).isEqualTo(place);
    }

    @ParameterizedTest
    @CsvSource({"mbox1.corp.example.net,mbox1,true", "MBOX1,mbox1.corp.example.net,true", "mbox10,mbox1,false",
            "unknown,unknown,false", "mx1.a,mx1.b,true"})
    void namesAHost(String name, String host, boolean same) {
        assertThat(Relays.sameHost(name, host)).isEqualTo(same);
    }
}
