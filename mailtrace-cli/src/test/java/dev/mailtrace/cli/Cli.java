package dev.mailtrace.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** Runs {@code mailtrace} in-process, as {@code main} would, with captured streams. */
final class Cli {

    static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    /** What a run left behind. */
    record Result(int status, String out, String err) {

        /** stdout as NDJSON: one parsed object per line. */
        List<JsonNode> json() {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : lines(out)) {
                try {
                    nodes.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line, e);
                }
            }
            return nodes;
        }

        List<String> errLines() {
            return lines(err);
        }

        private static List<String> lines(String s) {
            return s.lines().toList();
        }
    }

    static Result run(String args0, String... args) {
        return runWithStdin(new byte[0], prepend(args0, args));
    }

    static Result runWithStdin(String stdin, String... args) {
        return runWithStdin(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static Result runWithStdin(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter helpOut = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MailtraceCommand.newCommandLine(new MailtraceCommand(new ByteArrayInputStream(stdin), out));
        cl.setOut(new PrintWriter(helpOut, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        // NDJSON goes to the binary stdout, help and version text through picocli's writer.
        return new Result(status, out.toString(StandardCharsets.UTF_8) + helpOut, err.toString());
    }

    /** Parses one expected JSON object, written with single quotes for readability. */
    static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
