package dev.mailtrace.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of postfix-grok-patterns' {@code test/*.yaml}: a message without syslog header
 * ({@code data:}) and the pattern it is grokked with ({@code pattern:}). Only those two top-level
 * keys are read, as the single-line plain or double-quoted scalars the files use; anything else
 * (a block scalar, a single-quoted value) fails loudly rather than being misread.
 */
record PostfixTestCases(List<Case> cases) {

    record Case(String file, String pattern, String data) {
    }

    static PostfixTestCases read(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.yaml")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        List<Case> cases = new ArrayList<>();
        for (Path f : files) {
            String pattern = null;
            String data = null;
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = f.getFileName() + ":" + (i + 1);
                if (line.startsWith("pattern:")) {
                    pattern = scalar(line.substring("pattern:".length()), where);
                } else if (line.startsWith("data:")) {
                    data = scalar(line.substring("data:".length()), where);
                }
            }
            if (pattern == null || data == null) {
                throw new IllegalArgumentException(f + ": expected top-level [pattern:] and [data:] keys");
            }
            cases.add(new Case(f.getFileName().toString(), pattern, data));
        }
        return new PostfixTestCases(List.copyOf(cases));
    }

    /** A plain or double-quoted single-line YAML scalar. */
    static String scalar(String raw, String where) {
        String s = raw.strip();
        if (s.isEmpty() || s.startsWith("'") || s.startsWith("|") || s.startsWith(">")) {
            throw new IllegalArgumentException(where + ": unsupported YAML scalar [" + s + "]");
        }
        if (!s.startsWith("\"")) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                if (i != s.length() - 1) {
                    throw new IllegalArgumentException(where + ": text after the closing quote in [" + s + "]");
                }
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '0' -> sb.append('\0');
                case '"', '\\', '/' -> sb.append(e);
                case 'x' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException(where + ": unsupported escape [\\" + e + "]");
            }
        }
        throw new IllegalArgumentException(where + ": unterminated double-quoted scalar [" + s + "]");
    }
}
