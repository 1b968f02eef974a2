package dev.mailtrace.bench.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.bench.TestData;

class EsGrokEngineTest {

    /** Mirrors the parent pom: ES grok's own joni, and ours. */
    private static final String ES_JONI = "2.1.29";
    private static final String OUR_JONI = "2.2.9";
    private static final String ES_GROK = "8.19.21";

    private static final Map<String, String> BANK = Map.of(
            "INT", "(?:[+-]?(?:[0-9]+))",
            "WORD", "\\b\\w+\\b",
            "DIGIT", "[0-9]");

    private static EsGrokEngine engine;

    @BeforeAll
    static void load() throws IOException {
        engine = EsGrokEngine.load(TestData.esGrokDir());
    }

    @AfterAll
    static void close() throws IOException {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void elasticsearchAndItsJoniComeFromTheIsolatedLoaderOnly() {
        ClassLoader isolated = engine.classLoader();
        assertThat(isolated.getParent()).isSameAs(ClassLoader.getPlatformClassLoader());
        assertThat(engine.grokClass().getClassLoader()).isSameAs(isolated);
        assertThat(engine.joniRegexClass().getClassLoader()).isSameAs(isolated);
        assertThat(engine.joniRegexClass()).isNotSameAs(org.joni.Regex.class);
        assertThat(ArtifactVersions.jarOf(engine.joniRegexClass()).orElseThrow().getFileName())
                .hasToString("joni-" + ES_JONI + ".jar");
        // Elasticsearch is not on our class path at all; only the isolated loader has it.
        assertThatThrownBy(() -> Class.forName("org.elasticsearch.grok.Grok"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void elasticsearchRunsOnJoni2_1WhileWeRunOnJoni2_2() {
        assertThat(engine.joniVersion()).isEqualTo(ES_JONI);
        assertThat(ArtifactVersions.of(org.joni.Regex.class, "org.jruby.joni", "joni")).contains(OUR_JONI);
        assertThat(engine.esGrokVersion()).isEqualTo(ES_GROK);
    }

    @Test
    void capturesAreTypedAndMultiValuedFieldsAreLists() {
        EsGrok grok = engine.compile(BANK, "%{INT:i:int} %{INT:l:long} %{WORD:w} %{DIGIT:d}(%{DIGIT:d})?");
        Map<String, Object> m = grok.captures("7 8 x 12");
        assertThat(m).containsExactly(
                Map.entry("i", 7), Map.entry("l", 8L), Map.entry("w", "x"), Map.entry("d", List.of("1", "2")));
        assertThat(m.get("i")).isInstanceOf(Integer.class);
        assertThat(m.get("l")).isInstanceOf(Long.class);
        assertThat(grok.captures("no digits here")).isNull();
        assertThat(grok.match("7 8 x 1")).isTrue();
        assertThat(grok.match("nothing")).isFalse();
    }

    @Test
    void aValueThatDoesNotConvertThrowsAsInElasticsearch() {
        EsGrok grok = engine.compile(BANK, "%{INT:n:int}");
        assertThatThrownBy(() -> grok.captures("99999999999")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void compileErrorsCarryElasticsearchsMessage() {
        assertThatThrownBy(() -> engine.compile(BANK, "%{NOPE:x}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[%{NOPE:x}]")
                .hasMessageContaining("Unable to find pattern [NOPE]");
        assertThatThrownBy(() -> engine.patternBank(Map.of("A", "%{B}", "B", "%{A}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("circular reference");
    }

    @Test
    void aRunawayMatchEndsInATypedTimeoutAndTheEngineGoesOn() throws IOException {
        try (EsGrokEngine quick = EsGrokEngine.load(TestData.esGrokDir(), Duration.ofMillis(20), Duration.ofMillis(50))) {
            EsGrok runaway = quick.compile(BANK, "^(\\w+\\s?)*$");
            String line = "a".repeat(40) + "!";
            EsGrokTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(EsGrokTimeoutException.class,
                            () -> runaway.captures(line)));
            assertThat(e.pattern()).isEqualTo("^(\\w+\\s?)*$");
            assertThat(e.maxExecutionMillis()).isEqualTo(50);
            // Elasticsearch's match(String) counts an interrupted match as a match.
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> runaway.match(line))).isTrue();
            assertThat(quick.compile(BANK, "%{WORD:w}").captures("fine")).containsEntry("w", "fine");
        }
    }

    @Test
    void aClosedEngineRefusesWork() throws IOException {
        EsGrokEngine other = EsGrokEngine.load(TestData.esGrokDir());
        EsGrok grok = other.compile(BANK, "%{WORD:w}");
        other.close();
        other.close();
        assertThat(other.isClosed()).isTrue();
        assertThatThrownBy(() -> grok.captures("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> other.compile(BANK, "%{WORD:w}")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDirectoryWithoutTheJarsSaysWhatIsMissing(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> EsGrokEngine.load(tmp.resolve("absent")))
                .isInstanceOf(IOException.class).hasMessageContaining("absent").hasMessageContaining("not a directory");
        Path grokJar = ArtifactVersions.jarOf(engine.grokClass()).orElseThrow();
        Files.copy(grokJar, tmp.resolve(grokJar.getFileName()));
        assertThatThrownBy(() -> EsGrokEngine.load(tmp))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("[joni-*.jar]")
                .hasMessageContaining(grokJar.getFileName().toString());
    }
}
