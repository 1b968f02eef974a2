package dev.mailtrace.dovecot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.testkit.DialectTester;
import dev.mailtrace.testkit.Fields;
import dev.mailtrace.testkit.SharedData;

/**
 * Every line of the real corpora in {@code ../shared} whose program these dialects claim: at least
 * 99.5% recognised as a specific event (a line that only became a {@code notice} does not count),
 * and spot checks of the fields.
 */
class RealLogsTest {

    private static final DialectRegistry REGISTRY = DialectRegistry.builder()
            .addServiceLoaded(RealLogsTest.class.getClassLoader()).build();

    static final List<String> FILES = Corpus.FILES;

    @ParameterizedTest
    @FieldSource("FILES")
    void recognisesAtLeast995Permille(String relative) throws IOException {
        Path file = SharedData.require(relative);
        List<Corpus.Line> lines = Corpus.lines(file, REGISTRY);
        assertThat(lines).as("lines of these programs in %s", file).isNotEmpty();
        Map<String, Integer> perType = new TreeMap<>();
        List<Corpus.Line> unknown = new ArrayList<>();
        for (Corpus.Line line : lines) {
            List<LogEvent> events = new ArrayList<>();
            boolean ok = line.dialect().parse(line.view(), events::add);
            if (ok) {
                assertThat(events).as("%s", line).hasSize(1);
                Fields.of(events.get(0));
                perType.merge(events.get(0).type().toString(), 1, Integer::sum);
                if (events.get(0).type().name().equals("notice")) {
                    unknown.add(line);
                }
            } else {
                unknown.add(line);
            }
        }
        double recognised = 1.0 - (double) unknown.size() / lines.size();
        System.out.printf("%s: %d lines of these programs, %d recognised as specific events (%.3f%%), by event: %s%n",
                relative, lines.size(), lines.size() - unknown.size(), 100 * recognised, perType);
        unknown.forEach(l -> System.out.println("  not specific: " + l));
        assertThat(recognised).as("share recognised in %s; the others: %s", relative, unknown)
                .isGreaterThanOrEqualTo(0.995);
    }

    private static final String F2B = "corpora/fail2ban/dovecot";

    /** The first corpus line whose raw text contains {@code text}, through the tester with its real tag. */
    private static DialectTester.Case first(String corpus, String text) throws IOException {
        for (Corpus.Line l : Corpus.lines(SharedData.require(corpus), REGISTRY)) {
            if (l.raw().contains(text)) {
                String head = new String(l.bytes(), 0, l.messageStart() - 2, java.nio.charset.StandardCharsets.UTF_8);
                String tag = head.substring(head.lastIndexOf(' ') + 1);
                return DialectTester.of(l.dialect()).line(tag, l.message());
            }
        }
        throw new AssertionError("no line with [" + text + "] in " + corpus);
    }

    @Test
    void spotChecksOnFail2banDovecot() throws IOException {
        first(F2B, "Aborted login (auth failed, 1 attempts): user=<martin").event("login_aborted")
                .expect("service", "imap").expect("reason", "auth_failed").expect("attempts", 1)
                .expect("method", "CRAM-MD5").expect("client_ip", "80.187.101.33").expect("local_ip", "80.254.129.240")
                .expect("secured", "TLS");
        first(F2B, "ruser=rhost=1.2.3.4 rhost=192.0.43.10").event("auth_failure").expect("service", "dovecot-auth")
                .expect("passdb", "pam_unix").expect("client_ip", "192.0.43.10").expect("remote_user", "rhost=1.2.3.4");
        first(F2B, "ruser=root rhost=176.61.140.225").event("auth_failure").expect("client_ip", "176.61.140.225")
                .expect("user", "root");
        first(F2B, "tried to use disabled plaintext auth").event("login_aborted").expect("service", "pop3")
                .expect("reason", "cleartext_auth_disabled").expect("client_ip", "190.210.136.21").absent("user");
        first(F2B, "3 attempts in 16 secs) (auth_failed): user=<test>").event("login_aborted")
                .expect("message", "Login aborted: Connection closed").expect("attempts", 3).expect("seconds", 16)
                .expect("session", "9ZHq02g3J8S60fan");
        first(F2B, "User not known to the underlying").event("auth_failure").expect("service", "auth")
                .expect("user", "account@MYSERVERNAME.com").expect("client_ip", "200.76.17.206")
                .expect("reason", "unknown_user");
        first(F2B, "auth-worker(default): Info: pam(username,1.2.3.4)").event("auth_failure")
                .expect("service", "auth-worker").expect("reason", "password_mismatch").expect("user", "username");
        first(F2B, "sql(admin@example.de,192.0.2.5,<n4JLdHNVngZGpV2j>): unknown user").event("auth_failure")
                .expect("session", "n4JLdHNVngZGpV2j").expect("client_ip", "192.0.2.5");
        first(F2B, "auth-worker<13247>: sql(support,192.0.2.6)").event("auth_failure").expect("user", "support")
                .expect("reason", "unknown_user");
        first(F2B, "Password mismatch (for LDAP bind)").event("auth_failure").expect("passdb", "ldap")
                .expect("reason", "password_mismatch").expect("session", "LZmGp6mZaMrAqLIZ");
        first(F2B, "ldap(dog,52.37.139.121,): invalid credentials").event("auth_failure").expect("user", "dog")
                .expect("client_ip", "52.37.139.121");
        // dovecot 2.4's log file: user, address and mechanism in the tag
        first(F2B, "sql: Password mismatch (given password").event("auth_failure").expect("user", "info@example.com")
                .expect("client_ip", "192.0.2.110").expect("sasl_method", "LOGIN").expect("session", "CvN+E95Uf4e7eEnj");
        first(F2B, "TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384").event("login_aborted")
                .expect("tls_protocol", "TLSv1.2").expect("tls_cipher", "ECDHE-RSA-AES256-GCM-SHA384")
                .expect("tls_bits", 256).expect("tls_error", "Disconnected");
        first(F2B, "(no auth attempts in 58 secs)").event("login_aborted").expect("reason", "no_auth_attempts")
                .expect("seconds", 58).absent("user");
        first(F2B, "submission-login: Remote closed connection").event("login_aborted")
                .expect("service", "submission").expect("user", "user4");
        first(F2B, "(disconnected during TLS handshake) (tls_handshake_not_finished)").event("login_aborted")
                .expect("reason", "tls_handshake_not_finished").expect("secured", "TLS handshaking");
        first(F2B, "(proxy dest auth failed)").event("login_aborted").expect("reason", "proxy_dest_auth_failed");
        first(F2B, "test no match").event("login_aborted").absent("reason").absent("client_ip");
    }
}
