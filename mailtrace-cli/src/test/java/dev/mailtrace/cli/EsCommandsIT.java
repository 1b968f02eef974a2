package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.es.FaultyProxy;
import dev.mailtrace.es.TestNodes;

/**
 * {@code mailtrace index}, {@code search} and {@code prune} against a real node: search prints what
 * trace prints; cron-style runs over a growing, rotated, compressed log give the index of one run;
 * a run that dies before its checkpoint is repeated without changing the index.
 */
class EsCommandsIT {

    static String es;
    @TempDir
    Path dir;

    @BeforeAll
    static void node() {
        es = TestNodes.shared().url();
    }

    static List<String> example() throws IOException {
        return Files.readAllLines(Path.of("../examples/logs/mail.log"));
    }

    private Cli.Result index(String prefix, String... files) {
        String[] args = new String[files.length + 9];
        System.arraycopy(new String[] {"index", "--es", es, "--es-prefix", prefix, "--tz", "UTC", "--year", "2026"}, 0, args, 0, 9);
        System.arraycopy(files, 0, args, 9, files.length);
        String[] withCp = new String[args.length + 2];
        System.arraycopy(args, 0, withCp, 0, args.length);
        withCp[args.length] = "--checkpoint";
        withCp[args.length + 1] = dir.resolve(prefix + ".checkpoint").toString();
        return Cli.run(withCp[0], java.util.Arrays.copyOfRange(withCp, 1, withCp.length));
    }

    private static Cli.Result search(String prefix, String... more) {
        String[] args = new String[more.length + 6];
        System.arraycopy(new String[] {"--es", es, "--es-prefix", prefix, "--tz", "UTC"}, 0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        return Cli.run("search", args);
    }

    private static void refresh() throws Exception {
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(es + "/_refresh"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    private static List<String> sortedLines(String s) {
        return s.lines().sorted().toList();
    }

    @Test
    void searchPrintsWhatTracePrints() throws Exception {
        Path log = Files.write(dir.resolve("maillog"), example());
        Cli.Result indexed = index("cli-same", "--finish", log.toString());
        assertThat(indexed.status()).as(indexed.err()).isZero();
        assertThat(indexed.err()).contains("documents indexed, 0 retried, 0 failed");
        refresh();
        for (List<String> q : List.<List<String>>of(List.of(), List.of("--messages"), List.of("-f", "alice@example.org"), List.of("-H", "MBOX1"),
                List.of("-t", "BOB@corp.example.net", "--messages"))) {
            String[] json = concat(q, "--format", "json");
            Cli.Result t = Cli.run("trace", concat(List.of("--tz", "UTC", "--year", "2026", log.toString()), json));
            Cli.Result s = search("cli-same", json);
            assertThat(s.status()).as(s.err()).isZero();
            assertThat(sortedLines(s.out())).as("search %s", q).isEqualTo(sortedLines(t.out())).isNotEmpty();
        }
        // the last N, most recent first, in the text format: identical (the third shares its start second with the fourth)
        Cli.Result t = Cli.run("trace", "--tz", "UTC", "--year", "2026", "-r", "2", log.toString());
        assertThat(search("cli-same", "-r", "2").out()).isEqualTo(t.out()).contains("transaction: ");
    }

    @Test
    void cronRunsOverAGrowingRotatedLogGiveTheIndexOfOneRun() throws Exception {
        List<String> lines = example();
        Path log = dir.resolve("maillog");
        // run 1: the first third
        Files.write(log, lines.subList(0, 15));
        assertThat(index("cli-cron", log.toString()).status()).isZero();
        // run 2: more lines, then rotation with compression (maillog.1.gz), more lines in a new file
        Files.write(log, lines.subList(15, 25), StandardOpenOption.APPEND);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("maillog.1.gz")))) {
            gz.write(Files.readAllBytes(log));
        }
        Files.delete(log);
        Files.write(log, lines.subList(25, 35));
        Cli.Result second = index("cli-cron", log.toString());
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.err()).doesNotContain("missing");
        // run 3: the rest, with a line still being written (no newline yet) left for later
        Files.write(log, lines.subList(35, lines.size()), StandardOpenOption.APPEND);
        Files.writeString(log, "Nov 24 10:09:59 mx1 postfix/qmgr[2000]: 9999999999: remo", StandardOpenOption.APPEND);
        Path beforeThird = Files.copy(dir.resolve("cli-cron.checkpoint"), dir.resolve("saved"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(index("cli-cron", "--finish", log.toString()).status()).isZero();
        refresh();
        String once = Cli.run("trace", "--tz", "UTC", "--year", "2026", "--format", "json",
                Files.write(dir.resolve("whole"), lines).toString()).out();
        String cron = search("cli-cron", "--format", "json").out();
        assertThat(sortedLines(cron)).isEqualTo(sortedLines(once));

        // the third run died before its checkpoint: the rerun changes nothing
        Files.copy(beforeThird, dir.resolve("cli-cron.checkpoint"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(index("cli-cron", "--finish", log.toString()).status()).isZero();
        refresh();
        assertThat(sortedLines(search("cli-cron", "--format", "json").out())).isEqualTo(sortedLines(once));
    }

    @Test
    void rawMessagesStoredInElasticsearchByAnotherPipelineIndexLikeTheFile() throws Exception {
        StringBuilder bulk = new StringBuilder();
        for (String line : example()) {
            // as Logstash's syslog input stores it: the message from the tag on, the host, the time
            String rest = line.substring(16);
            int sp = rest.indexOf(' ');
            String time = "2026-11-24T" + line.substring(7, 15) + "Z";
            com.fasterxml.jackson.databind.node.ObjectNode doc = Cli.JSON.createObjectNode().put("message", rest.substring(sp + 1))
                    .put("@timestamp", time);
            doc.putObject("host").put("name", rest.substring(0, sp));
            bulk.append("{\"index\":{}}\n").append(doc).append('\n');
        }
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(es
                + "/raw-mail-2026.11.24/_bulk?refresh=true")).header("Content-Type", "application/x-ndjson")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(bulk.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"errors\":false");
        Cli.Result indexed = Cli.run("index", "--from-es", es, "--source-index", "raw-mail-*", "--since", "2026-11-24", "--until",
                "2026-11-25", "--es", es, "--es-prefix", "cli-raw", "--tz", "UTC", "--finish", "--checkpoint",
                dir.resolve("raw.checkpoint").toString());
        assertThat(indexed.status()).as(indexed.err()).isZero();
        refresh();
        Path log = Files.write(dir.resolve("maillog"), example());
        String once = Cli.run("trace", "--tz", "UTC", "--year", "2026", "--format", "json", log.toString()).out();
        assertThat(sortedLines(search("cli-raw", "--format", "json").out())).isEqualTo(sortedLines(once));
    }

    @Test
    void pruneDeletesOldDaysOnly() throws Exception {
        for (String index : List.of("cli-prune-2020.01.01", "cli-prune-2099.01.01")) {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(es + "/" + index))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        Cli.Result r = Cli.run("prune", "--es", es, "--es-prefix", "cli-prune", "--older-than", "90d");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("deleted 1 indices older than 90 days: cli-prune-2020.01.01");
        assertThat(Cli.run("prune", "--es", es, "--es-prefix", "cli-prune", "--older-than", "soon").err())
                .contains("invalid age [soon]");
    }

    @Test
    void bulkRequestsHoldAsManyOperationsAsAsked() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(es)) {
            Cli.Result r = Cli.run("index", "--es", proxy.url(), "--es-prefix", "cli-bulk", "--tz", "UTC", "--year", "2026", "--finish",
                    "--es-bulk-actions", "2", "--checkpoint", dir.resolve("bulk.checkpoint").toString(), "../examples/logs/mail.log");
            assertThat(r.status()).as(r.err()).isZero();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) documents indexed").matcher(r.err());
            assertThat(m.find()).as(r.err()).isTrue();
            int documents = Integer.parseInt(m.group(1));
            assertThat(documents).isGreaterThan(3);
            // a request each 2 operations (one more if the 5 s flush timer fired in between); by default all in one
            assertThat(proxy.bulkRequests.get()).isBetween((documents + 1) / 2, (documents + 1) / 2 + 1);
        }
    }

    @Test
    void anUnreachableClusterIsOneClearLine() {
        Cli.Result r = search("cli-none");
        Cli.Result down = Cli.run("search", "--es", "http://127.0.0.1:1", "-r", "1");
        assertThat(r.status()).isZero();
        assertThat(down.status()).isEqualTo(1);
        assertThat(down.err()).startsWith("mailtrace search: Elasticsearch [http://127.0.0.1:1] does not answer");
        assertThat(Cli.run("search", "--es", "https://u:secret@es:9200").err()).contains("carries credentials").doesNotContain("secret");
    }

    private static String[] concat(List<String> head, String... tail) {
        String[] all = new String[head.size() + tail.length];
        for (int i = 0; i < head.size(); i++) {
            all[i] = head.get(i);
        }
        System.arraycopy(tail, 0, all, head.size(), tail.length);
        return all;
    }
}
