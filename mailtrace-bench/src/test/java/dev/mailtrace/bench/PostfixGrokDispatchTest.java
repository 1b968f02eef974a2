package dev.mailtrace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.bench.PostfixGrokDispatch.Route;
import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.PatternBank;

class PostfixGrokDispatchTest {

    static final String CONF = """
            filter {
                # the first branch
                if [program] =~ /^postfix.*\\/anvil$/ {
                    grok {
                        patterns_dir   => "/etc/logstash/patterns.d"
                        match          => [ "message", "^%{POSTFIX_ANVIL}$" ]
                        tag_on_failure => [ "_grok_postfix_anvil_nomatch" ]
                    }
                } else if [program] =~ /^postfix.*\\/smtpd$/ {
                    grok {
                        match => { "message" => "^%{POSTFIX_SMTPD}$" }  # hash form, a } in a comment
                    }
                } else if [program] =~ /^postfix.*/ {
                    mutate {
                        add_tag => [ "_grok_postfix_program_nomatch" ]
                    }
                }
                if [postfix_client] {
                    grok { match => ["postfix_client", "^%{POSTFIX_CLIENT}$"] }
                }
            }
            """;

    @Test
    void readsTheChainInOrderWithPatternsAndTags() {
        PostfixGrokDispatch d = PostfixGrokDispatch.parse(CONF, "test.conf");
        assertThat(d.routes()).extracting(Route::programRegex)
                .containsExactly("^postfix.*\\/anvil$", "^postfix.*\\/smtpd$", "^postfix.*");
        assertThat(d.routes()).extracting(Route::grokPattern)
                .containsExactly("^%{POSTFIX_ANVIL}$", "^%{POSTFIX_SMTPD}$", null);
        assertThat(d.routes()).extracting(Route::tag)
                .containsExactly("_grok_postfix_anvil_nomatch", null, "_grok_postfix_program_nomatch");
        assertThat(d.routes()).extracting(Route::line).containsExactly(3, 9, 13);
        assertThat(d.grokPatterns()).containsExactly("^%{POSTFIX_ANVIL}$", "^%{POSTFIX_SMTPD}$");
    }

    @Test
    void theFirstBranchWhoseRegexIsFoundWins() {
        PostfixGrokDispatch d = PostfixGrokDispatch.parse(CONF, "test.conf");
        assertThat(d.route("postfix/anvil").index()).isZero();
        assertThat(d.route("postfix-submission/smtpd").index()).isEqualTo(1);
        assertThat(d.route("postfix/smtpd2")).extracting(Route::index).isEqualTo(2);
        assertThat(d.route("postfix/qmgr").hasGrok()).isFalse();
        assertThat(d.route("sendmail")).isNull();
        assertThat(d.route("xpostfix/anvil")).isNull();
    }

    @Test
    void malformedChainsAreRejectedWithTheirLine() {
        assertThatThrownBy(() -> PostfixGrokDispatch.parse("filter { }", "empty.conf"))
                .hasMessageContaining("empty.conf").hasMessageContaining("no [if [program]");
        assertThatThrownBy(() -> PostfixGrokDispatch.parse("""
                if [program] =~ /a/ { grok { match => [ "message", "x" ] } }
                if [program] =~ /b/ { grok { match => [ "message", "y" ] } }
                """, "two.conf")).hasMessageContaining("two.conf:2").hasMessageContaining("second");
        assertThatThrownBy(() -> PostfixGrokDispatch.parse("""
                if [program] =~ /a/ {
                  grok { match => [ "other", "x" ] }
                }
                """, "nomessage.conf")).hasMessageContaining("nomessage.conf:1").hasMessageContaining("message");
        assertThatThrownBy(() -> PostfixGrokDispatch.parse("if [program] =~ /(/ { }", "bad.conf"))
                .hasMessageContaining("bad.conf:1").hasMessageContaining("[(]");
        assertThatThrownBy(() -> PostfixGrokDispatch.parse("if [program] =~ /a/ { grok {", "open.conf"))
                .hasMessageContaining("open.conf:1").hasMessageContaining("does not close");
    }

    @Test
    void theRealFilterDispatchesEveryPostfixProgramToAPatternOfTheBank() throws Exception {
        SharedData shared = TestData.shared();
        PostfixGrokDispatch d = PostfixGrokDispatch.parse(shared.postfixFilterConf());
        assertThat(d.routes()).hasSize(27);
        assertThat(d.routes().get(0).grokPattern()).isEqualTo("^%{POSTFIX_ANVIL}$");
        assertThat(d.route("postfix/smtpd").grokPattern()).isEqualTo("^%{POSTFIX_SMTPD}$");
        assertThat(d.route("postfix/trivial-rewrite").grokPattern()).isEqualTo("^%{POSTFIX_TRIVIAL_REWRITE}$");
        assertThat(d.route("postfix/postfix-script").grokPattern()).isEqualTo("^%{POSTFIX_SCRIPT}$");
        Route catchAll = d.route("postfix/unheard-of");
        assertThat(catchAll.hasGrok()).isFalse();
        assertThat(catchAll.tag()).isEqualTo("_grok_postfix_program_nomatch");
        PatternBank bank = GrokPatternSets.legacyWithPostfix(shared);
        for (String p : d.grokPatterns()) {
            assertThat(Grok.compile(bank, p).patterns()).containsExactly(p);
        }
    }

    @Test
    void theRouterAnswersLikeTheDispatchForStringsAndBytes() {
        PostfixGrokDispatch d = PostfixGrokDispatch.parse(CONF, "test.conf");
        ProgramRouter router = new ProgramRouter(d);
        List<String> programs = List.of("postfix/anvil", "postfix/smtpd", "postfix/qmgr", "sendmail", "postfix/anvil",
                "postfix-in/smtpd", "", "p\u00f6stfix/smtpd", "postfix/smtpd");
        for (int round = 0; round < 2; round++) {
            for (String p : programs) {
                Route expected = d.route(p);
                int index = expected == null ? -1 : expected.index();
                byte[] framed = ("[" + p + "]").getBytes(StandardCharsets.UTF_8);
                assertThat(router.route(p)).as(p).isEqualTo(index);
                assertThat(router.route(framed, 1, framed.length - 1)).as(p).isEqualTo(index);
            }
        }
    }

    @Test
    void theRouterStaysCorrectBeyondItsCapacity() {
        ProgramRouter router = new ProgramRouter(PostfixGrokDispatch.parse(CONF, "test.conf"));
        for (int i = 0; i < ProgramRouter.CAPACITY * 3; i++) {
            String p = (i % 2 == 0 ? "postfix" : "other") + i + "/smtpd";
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            int expected = i % 2 == 0 ? 1 : -1;
            assertThat(router.route(b, 0, b.length)).as(p).isEqualTo(expected);
            assertThat(router.route(p)).as(p).isEqualTo(expected);
        }
    }
}
