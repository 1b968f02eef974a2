package dev.mailtrace.cli;

import static dev.mailtrace.cli.Cli.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.grok.PatternBank;

/**
 * The public contract of {@code mailtrace grok}: scripts parse this output, so it is asserted
 * object by object. Most tests use their own pattern file with {@code --no-builtin} so that they
 * depend on nothing but the command.
 */
class GrokCommandTest {

    @TempDir
    Path dir;

    /** A small pattern bank of the usual names. */
    Path patterns;

    @BeforeEach
    void writePatterns() throws IOException {
        patterns = write("test.grok", """
                # the usual names, defined here so the tests do not depend on the built-in bank
                WORD \\b\\w+\\b
                INT (?:[+-]?(?:[0-9]+))
                DIGIT [0-9]
                NOTSPACE \\S+
                GREEDYDATA .*
                """);
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** {@code mailtrace grok --no-builtin -f test.grok ARGS} on {@code stdin}. */
    private Cli.Result grok(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("grok", "--no-builtin", "-f", patterns.toString()));
        all.addAll(List.of(args));
        return Cli.runWithStdin(stdin, all.toArray(new String[0]));
    }

    private static boolean builtinBankPresent() {
        return PatternBank.class.getResource("base.grok") != null;
    }

    @Test
    void writesOneObjectPerLineInInputOrder() {
        Cli.Result r = grok("mx1 42\nmx1 abc\n\r\nmx2 7", "-p", "^%{WORD:host} %{INT:pid:int}$");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.json()).containsExactly(
                json("{'line':1,'pattern':0,'fields':{'host':'mx1','pid':42}}"),
                json("{'line':2,'pattern':null}"),
                json("{'line':3,'pattern':null}"),
                json("{'line':4,'pattern':0,'fields':{'host':'mx2','pid':7}}"));
        // "pattern":null is present, not omitted: scripts test for it
        assertThat(r.out().lines().toList().get(1)).isEqualTo("{\"line\":2,\"pattern\":null}");
    }

    @Test
    void patternIsTheIndexOfTheFirstPatternThatMatched() {
        Cli.Result r = grok("12\nabc\nab cd\n!!\n", "-p", "^%{INT:n}$", "-p", "^%{WORD:w}$", "--pattern", "^%{WORD:x} ");
        assertThat(r.json()).containsExactly(
                json("{'line':1,'pattern':0,'fields':{'n':'12'}}"),
                json("{'line':2,'pattern':1,'fields':{'w':'abc'}}"),
                json("{'line':3,'pattern':2,'fields':{'x':'ab'}}"),
                json("{'line':4,'pattern':null}"));
    }

    @Test
    void withoutBreakOnMatchTheFieldsOfAllMatchingPatternsAreMerged() {
        String[] patternArgs = {"-p", "^%{WORD:a}", "-p", "%{INT:b:int}$", "-p", "^%{INT:never}$"};
        JsonNode merged = json("{'line':1,'pattern':0,'fields':{'a':'x','b':5}}");
        assertThat(grok("x 5\n", concat(patternArgs, "--no-break-on-match")).json()).containsExactly(merged);
        assertThat(grok("x 5\n", concat(patternArgs, "--break-on-match=false")).json()).containsExactly(merged);
        assertThat(grok("x 5\n", patternArgs).json()).containsExactly(json("{'line':1,'pattern':0,'fields':{'a':'x'}}"));
    }

    @Test
    void valuesKeepTheirTypes() {
        Cli.Result r = grok("-7 9999999999 1.5 2.25 TRUE 8\n", "-p",
                "%{INT:i:int} %{INT:l:long} %{NOTSPACE:f:float} %{NOTSPACE:d:double} %{WORD:b:boolean} %{INT:s}");
        JsonNode fields = r.json().get(0).get("fields");
        assertThat(fields).isEqualTo(json("{'i':-7,'l':9999999999,'f':1.5,'d':2.25,'b':true,'s':'8'}"));
        assertThat(fields.get("i").isInt()).isTrue();
        assertThat(fields.get("l").isLong()).isTrue();
        assertThat(fields.get("f").isNumber()).isTrue();
        assertThat(fields.get("b").isBoolean()).isTrue();
        assertThat(fields.get("s").isTextual()).isTrue();
    }

    @Test
    void aFieldCapturedMoreThanOnceIsAList() {
        Cli.Result r = grok("12\n1\n", "-p", "%{DIGIT:d}(%{DIGIT:d})?");
        assertThat(r.json()).containsExactly(
                json("{'line':1,'pattern':0,'fields':{'d':['1','2']}}"),
                json("{'line':2,'pattern':0,'fields':{'d':'1'}}"));
    }

    @Test
    void aValueThatDoesNotConvertStaysTextAndIsReported() {
        Cli.Result r = grok("99999999999\n", "-p", "%{INT:n:int}");
        assertThat(r.json()).containsExactly(json(
                "{'line':1,'pattern':0,'fields':{'n':'99999999999'},"
                        + "'conversion_errors':[{'field':'n','type':'int','value':'99999999999'}]}"));
    }

    @Test
    void aRunawayMatchGivesATimeoutObjectAndTheNextLineIsStillMatched() {
        Cli.Result r = grok("a".repeat(64) + "!\nhello world\n", "--timeout", "50ms", "-p", "^(\\w+\\s?)*$");
        assertThat(r.status()).isZero();
        assertThat(r.json()).containsExactly(
                json("{'line':1,'pattern':null,'timeout':true}"),
                json("{'line':2,'pattern':0,'fields':{}}"));
    }

    @Test
    void explainTellsHowFarThePatternThatGotFurthestMatched() {
        Cli.Result r = grok("mx1 abc\n", "--explain", "-p", "^%{INT:n} x$", "-p", "^%{WORD:host} %{INT:pid}$");
        assertThat(r.status()).isZero();
        JsonNode o = r.json().get(0);
        assertThat(o.get("line").asInt()).isEqualTo(1);
        assertThat(o.get("pattern").isNull()).isTrue();
        JsonNode e = o.get("explain");
        assertThat(e.get("pattern").asInt()).isEqualTo(1);
        assertThat(e.get("failed_at").asText()).isEqualTo("%{INT:pid}");
        assertThat(e.get("offset").asInt()).isEqualTo(4);
        assertThat(e.get("rest").asText()).isEqualTo("abc");
        assertThat(e.get("steps")).isNotEmpty();
        assertThat(e.get("steps").get(0).get("matched").asText()).isEqualTo("^%{WORD:host} ");
        assertThat(e.get("steps").get(0).get("failed_at").asText()).isEqualTo("%{INT:pid}");
    }

    @Test
    void explainIsRightForEveryLineNotJustTheFirst() throws IOException {
        // later lines sit at other offsets of the reader's buffer; the explanation must not care
        Path log = write("x.log", "first\nmx1 pid=abc\n");
        Cli.Result r = grok("", "--explain", "-p", "^%{WORD:host} pid=%{INT:pid:int}", log.toString(), "-");
        JsonNode e = r.json().get(1).get("explain");
        assertThat(e.get("failed_at").asText()).isEqualTo("%{INT:pid:int}");
        assertThat(e.get("offset").asInt()).isEqualTo(8);
        assertThat(e.get("rest").asText()).isEqualTo("abc");
    }

    @Test
    void explainIsOnlyForLinesThatDoNotMatch() {
        Cli.Result r = grok("7\nx\n", "--explain", "-p", "^%{INT:n}$");
        assertThat(r.json().get(0)).isEqualTo(json("{'line':1,'pattern':0,'fields':{'n':'7'}}"));
        assertThat(r.json().get(1).has("explain")).isTrue();
    }

    @Test
    void severalFilesAreNamedAndNumberedEach() throws IOException {
        Path a = write("a.log", "1\n2\n");
        Path b = write("b.log", "x\n3\n");
        Cli.Result r = grok("", "-p", "^%{INT:n:int}$", a.toString(), b.toString());
        assertThat(r.json()).containsExactly(
                json("{'file':'" + a + "','line':1,'pattern':0,'fields':{'n':1}}"),
                json("{'file':'" + a + "','line':2,'pattern':0,'fields':{'n':2}}"),
                json("{'file':'" + b + "','line':1,'pattern':null}"),
                json("{'file':'" + b + "','line':2,'pattern':0,'fields':{'n':3}}"));
        // one file: no "file" key
        assertThat(grok("", "-p", "^%{INT:n:int}$", a.toString()).json().get(0).has("file")).isFalse();
    }

    @Test
    void gzipIsReadTransparentlyFromFilesAndStdin() throws IOException {
        Path gz = dir.resolve("mail.log.2.gz");
        Files.write(gz, gzip("1\n2\n"));
        Cli.Result fromFile = grok("", "-p", "^%{INT:n:int}$", gz.toString());
        assertThat(fromFile.json()).containsExactly(
                json("{'line':1,'pattern':0,'fields':{'n':1}}"),
                json("{'line':2,'pattern':0,'fields':{'n':2}}"));

        List<String> args = new ArrayList<>(List.of("grok", "--no-builtin", "-f", patterns.toString(), "-p", "^%{INT:n:int}$"));
        Cli.Result fromStdin = Cli.runWithStdin(gzip("5\n"), args.toArray(new String[0]));
        assertThat(fromStdin.json()).containsExactly(json("{'line':1,'pattern':0,'fields':{'n':5}}"));
    }

    @Test
    void dashIsStdinAmongFiles() throws IOException {
        Path a = write("a.log", "1\n");
        Cli.Result r = grok("2\n", "-p", "^%{INT:n:int}$", a.toString(), "-");
        assertThat(r.json()).containsExactly(
                json("{'file':'" + a + "','line':1,'pattern':0,'fields':{'n':1}}"),
                json("{'file':'-','line':1,'pattern':0,'fields':{'n':2}}"));
    }

    @Test
    void anUnreadableInputIsReportedAndTheOthersAreStillRead() throws IOException {
        Path a = write("a.log", "1\n");
        Path b = write("b.log", "2\n");
        Path missing = dir.resolve("missing.log");
        Cli.Result r = grok("", "-p", "^%{INT:n:int}$", a.toString(), missing.toString(), b.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                "mailtrace grok: cannot read [" + missing + "]: no such file or directory");
        assertThat(r.json()).extracting(o -> o.get("file").asText()).containsExactly(a.toString(), b.toString());
    }

    @Test
    void aCorruptGzipIsReportedWithTheLineWhereReadingStopped() throws IOException {
        byte[] whole = gzip("1\n".repeat(10_000));
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        Cli.Result r = grok("", "-p", "^%{INT:n:int}$", cut.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("mailtrace grok: error reading [" + cut + "] at line ");
        // what could be read was written, one object per line
        assertThat(r.json()).isNotEmpty().allSatisfy(o -> assertThat(o.get("pattern").asInt()).isZero());
    }

    @Test
    void anUnknownReferenceExitsWith2AndOneLineNamingThePatternAndColumn() {
        Cli.Result r = grok("x\n", "-p", "x %{NOPE}");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "mailtrace grok: bad pattern -p #0 [x %{NOPE}] column 3: unknown pattern [NOPE] in %{NOPE}");

        Cli.Result second = grok("x\n", "-p", "%{WORD:w}", "-p", "%{WORD:w} %{NOPE:n}");
        assertThat(second.status()).isEqualTo(2);
        assertThat(second.errLines()).containsExactly("mailtrace grok: bad pattern -p #1 [%{WORD:w} %{NOPE:n}]"
                + " column 11: unknown pattern [NOPE] in %{NOPE:n}");
    }

    @Test
    void aBadRegexInAPatternFileNamesThatPatternItsFileLineAndColumn() throws IOException {
        Path bad = write("bad.grok", "GOOD a+\nBAD x(abc\n");
        Cli.Result r = grok("x\n", "-f", bad.toString(), "-p", "%{GOOD:g} %{BAD:b}");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("mailtrace grok: bad pattern -p #0 [%{GOOD:g} %{BAD:b}]: pattern [BAD] (" + bad + ":2) column ");
    }

    @Test
    void aBadPatternFileExitsWith2NamingFileAndLine() throws IOException {
        Path malformed = write("malformed.grok", "# comment\nNAME_WITHOUT_REGEX\n");
        Cli.Result r = grok("x\n", "-f", malformed.toString(), "-p", "%{WORD:w}");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("mailtrace grok: bad pattern file: pattern (" + malformed + ":2) column 1: ");

        Path dangling = write("dangling.grok", "A %{MISSING}\n");
        Cli.Result d = grok("x\n", "-f", dangling.toString(), "-p", "%{WORD:w}");
        assertThat(d.status()).isEqualTo(2);
        assertThat(d.errLines()).containsExactly("mailtrace grok: bad pattern file: pattern [A] (" + dangling
                + ":1) column 1: unknown pattern [MISSING] in %{MISSING}");

        Path missing = dir.resolve("nope.grok");
        Cli.Result m = grok("x\n", "-f", missing.toString(), "-p", "%{WORD:w}");
        assertThat(m.status()).isEqualTo(2);
        assertThat(m.errLines()).containsExactly(
                "mailtrace grok: cannot read pattern file [" + missing + "]: no such file or directory");
    }

    @Test
    void patternFilesAreLayeredDirectoriesThenFiles() throws IOException {
        Path patternsDir = dir.resolve("patterns.d");
        write("patterns.d/10-x.grok", "X a+\nY c+\n");
        write("patterns.d/20-x.grok", "X b+\n"); // later file in the directory wins
        Path override = write("override.grok", "X d+\n");

        Cli.Result fromDir = grok("bbb\naaa\n", "-d", patternsDir.toString(), "-p", "^%{X:x}$");
        assertThat(fromDir.json()).containsExactly(
                json("{'line':1,'pattern':0,'fields':{'x':'bbb'}}"),
                json("{'line':2,'pattern':null}"));

        // -f is layered over -d whatever the order on the command line
        Cli.Result fromFile = grok("ddd\nbbb\nccc\n", "-f", override.toString(), "-d", patternsDir.toString(),
                "-p", "^%{X:x}$", "-p", "^%{Y:y}$");
        assertThat(fromFile.json()).containsExactly(
                json("{'line':1,'pattern':0,'fields':{'x':'ddd'}}"),
                json("{'line':2,'pattern':null}"),
                json("{'line':3,'pattern':1,'fields':{'y':'ccc'}}"));
    }

    @Test
    void builtinPatternsAreAvailableAndAFileOverridesThem() throws IOException {
        assumeTrue(builtinBankPresent(), "built-in base.grok not on the class path yet");
        Cli.Result builtin = Cli.runWithStdin("abc 12\n", "grok", "-p", "^%{WORD:w} %{INT:n:int}$");
        assertThat(builtin.json()).containsExactly(json("{'line':1,'pattern':0,'fields':{'w':'abc','n':12}}"));

        Path digitsAreWords = write("words.grok", "WORD [0-9]+\n");
        Cli.Result overridden = Cli.runWithStdin("abc\n123\n", "grok", "-f", digitsAreWords.toString(),
                "-p", "^%{WORD:w}$");
        assertThat(overridden.json()).containsExactly(
                json("{'line':1,'pattern':null}"),
                json("{'line':2,'pattern':0,'fields':{'w':'123'}}"));
    }

    @Test
    void noBuiltinStartsFromAnEmptyBank() {
        Cli.Result r = Cli.runWithStdin("x\n", "grok", "--no-builtin", "-p", "%{WORD:w}");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("unknown pattern [WORD]");
    }

    @Test
    void listFieldsPrintsNamesAndTypesAndReadsNoInput() {
        Cli.Result r = grok("never read\n", "--list-fields", "-p", "^%{WORD:host} %{INT:pid:int}", "-p", "%{GREEDYDATA:msg}");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("host\tstring\npid\tint\nmsg\tstring\n");
    }

    @Test
    void anOverlongLineIsCutFlaggedAndTheNextLineIsIntact() {
        Cli.Result r = grok("abc " + "x".repeat(100) + "\ndef\n", "--max-line-length", "10", "-p", "^%{WORD:w}");
        assertThat(r.status()).isZero();
        assertThat(r.json()).containsExactly(
                json("{'line':1,'pattern':0,'fields':{'w':'abc'},'truncated':true}"),
                json("{'line':2,'pattern':0,'fields':{'w':'def'}}"));
    }

    @Test
    void logstashOptionsForEmptyAndUnnamedCaptures() {
        assertThat(grok("a:\n", "-p", "^%{WORD:w}:(?<e>x?)$").json().get(0).get("fields"))
                .isEqualTo(json("{'w':'a','e':''}"));
        assertThat(grok("a:\n", "--no-keep-empty-captures", "-p", "^%{WORD:w}:(?<e>x?)$").json().get(0).get("fields"))
                .isEqualTo(json("{'w':'a'}"));
        assertThat(grok("ab 5\n", "--named-captures-only=false", "-p", "^%{WORD} %{INT:n}$").json().get(0).get("fields"))
                .isEqualTo(json("{'WORD':'ab','n':'5'}"));
        assertThat(grok("ab 5\n", "-p", "^%{WORD} %{INT:n}$").json().get(0).get("fields"))
                .isEqualTo(json("{'n':'5'}"));
    }

    @Test
    void verboseAddsASummaryOnStderr() {
        Cli.Result quiet = grok("1\nx\n", "-p", "^%{INT:n}$");
        assertThat(quiet.err()).isEmpty();
        Cli.Result verbose = grok("1\nx\n3\n", "-v", "-p", "^%{INT:n}$");
        assertThat(verbose.status()).isZero();
        assertThat(verbose.errLines()).singleElement().asString().startsWith(
                "mailtrace grok: 3 lines: 2 matched, 1 no match, 0 timed out, 0 truncated; 0 of 1 inputs unreadable; ");
        assertThat(verbose.json()).hasSize(3);
    }

    @Test
    void streamsLargeInputInOrder() {
        int n = 200_000;
        StringBuilder sb = new StringBuilder(n * 8);
        for (int i = 1; i <= n; i++) {
            sb.append(i % 10 == 0 ? "x" : Integer.toString(i)).append('\n');
        }
        Cli.Result r = grok(sb.toString(), "-p", "^%{INT:n:int}$");
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(n);
        assertThat(lines.get(n - 2)).isEqualTo("{\"line\":" + (n - 1) + ",\"pattern\":0,\"fields\":{\"n\":" + (n - 1) + "}}");
        assertThat(lines.get(n - 1)).isEqualTo("{\"line\":" + n + ",\"pattern\":null}");
    }

    @Test
    void usageErrorsExitWith2SayingWhatIsWrongAndWhereHelpIs() {
        assertThat(grok("x\n").status()).as("no -p").isEqualTo(2);
        assertThat(grok("x\n", "-p", "%{WORD:w}", "--no-such-option").status()).isEqualTo(2);
        Cli.Result r = grok("x\n", "-p", "%{WORD:w}", "--timeout", "5");
        assertThat(r.status()).as("duration without unit").isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "mailtrace grok: Invalid value for option '--timeout': invalid duration [5]: expected a number with a"
                        + " unit (ns, us, ms, s, m, h) such as 250ms or 2s, or 0 for none",
                "Try 'mailtrace grok --help' for more information.");
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(new String[0]);
    }
}
