package dev.mailtrace.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternBankTest {

    @Test
    void readsLogstashPatternFiles() throws Exception {
        String file = "# comment\n\n   # indented comment\nWORD \\b\\w+\\b\n  INDENTED  a b \nPAIR %{WORD:k}=%{WORD:v}\n";
        PatternBank bank = PatternBank.builder().addPatterns(new StringReader(file), "test.grok").build();
        assertThat(bank.names()).containsExactly("WORD", "INDENTED", "PAIR");
        assertThat(bank.get("INDENTED").regex()).as("trailing whitespace is part of the regex, as in ES")
                .isEqualTo("a b ");
        assertThat(bank.get("PAIR").origin()).isEqualTo("test.grok:6");
    }

    @Test
    void laterDefinitionsReplaceEarlierOnesAndDirectoriesLoadInNameOrder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b-second"), "NUM [0-9]+\n");
        Files.writeString(dir.resolve("a-first"), "NUM [0-9]\nID %{NUM}x\n");
        Files.writeString(dir.resolve(".hidden"), "this is not a pattern file\n");
        Files.createDirectory(dir.resolve("sub"));
        PatternBank bank = PatternBank.builder().addDirectory(dir).build();
        assertThat(bank.get("NUM").regex()).isEqualTo("[0-9]+");
        assertThat(bank.get("NUM").origin()).endsWith("b-second:1");
        assertThat(Grok.compile(bank, "%{ID:id}").captures("123x").orElseThrow()).containsEntry("id", "123x");
    }

    @Test
    void layersOnTopOfAnotherBank() throws Exception {
        PatternBank base = PatternBank.builder().add("A", "a").add("AB", "%{A}b").build();
        PatternBank layered = base.toBuilder().add("A", "x").build();
        assertThat(Grok.compile(layered, "^%{AB:ab}$").captures("xb")).isPresent();
        assertThat(Grok.compile(base, "^%{AB:ab}$").captures("xb")).isEmpty();
    }

    @Test
    void rejectsUnknownReferencesWithOriginAndColumn() {
        assertThatThrownBy(() -> PatternBank.builder()
                .addPatterns(new StringReader("A a\nB x%{A}%{MISSING:m}\n"), "my.grok").build())
                .isInstanceOf(PatternCompileException.class)
                .hasMessage("pattern [B] (my.grok:2) column 6: unknown pattern [MISSING] in %{MISSING:m}");
    }

    @Test
    void rejectsCyclesNamingThePath() {
        assertThatThrownBy(() -> PatternBank.builder()
                .addPatterns(new StringReader("A x%{B}\nB %{C}y\nC %{A}\nD %{D}\n"), "c.grok").build())
                .hasMessage("pattern [C] (c.grok:3) column 1: circular reference %{A}: A -> B -> C -> A");
        assertThatThrownBy(() -> PatternBank.builder().add("SELF", "a%{SELF}?").build())
                .hasMessageContaining("circular reference %{SELF}: SELF -> SELF");
    }

    @Test
    void rejectsLinesThatAreNotDefinitions() {
        assertThatThrownBy(() -> PatternBank.builder().addPatterns(new StringReader("A a\nONLYNAME\n"), "f").build())
                .hasMessageStartingWith("pattern (f:2) column 1: expected a pattern name");
        assertThatThrownBy(() -> PatternBank.builder().addPatterns(new StringReader("BAD-NAME x\n"), "f").build())
                .hasMessageContaining("[BAD-NAME x]");
        assertThatThrownBy(() -> PatternBank.builder().add("A B", "x"))
                .hasMessageContaining("invalid pattern name [A B]");
    }

    @Test
    void keepsMalformedReferencesInDefinitionsAsLiteralTextLikeElasticsearchAndWarns() throws Exception {
        PatternBank bank = PatternBank.builder().add("A", "x%{B:[name?]}").build();
        assertThat(bank.warnings()).containsExactly("pattern [A] (code) column 2: malformed reference"
                + " [%{B:[name?]}]: expected '}' (kept as literal text, as Elasticsearch does)");
        assertThat(Grok.compile(bank, "%{A}").expandedRegex(0)).isEqualTo("(?:x%{B:[name?]})");
        assertThat(Grok.compile(bank, "^%{A:a}$").captures("x%{B:n}").orElseThrow()).containsEntry("a", "x%{B:n}");
    }

    @Test
    void unknownTypesAreErrorsEvenInDefinitions() {
        assertThatThrownBy(() -> PatternBank.builder().add("A", "%{A:x:integer}").build())
                .hasMessageContaining("unknown type [integer]");
    }
}
