package dev.mailtrace.sendmail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.mailtrace.testkit.Yamls;

/** The lines the tests know: every rule case, and the real corpora's sendmail lines where present. */
final class KnownLines {

    /** A known line: its program and message, and whether a rule case says it is not recognised. */
    record Known(String program, String message, boolean unrecognised) {
    }

    private KnownLines() {
    }

    @SuppressWarnings("unchecked")
    static List<Known> cases() throws IOException, URISyntaxException {
        List<Known> lines = new ArrayList<>();
        Path dir = Path.of(KnownLines.class.getResource("cases").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> doc = (Map<String, Object>) Yamls.load(f);
                String program = (String) doc.get("program");
                for (Map<String, Object> c : (List<Map<String, Object>>) doc.get("cases")) {
                    lines.add(new Known((String) c.getOrDefault("program", program), (String) c.get("line"),
                            "false".equals(c.get("recognised"))));
                }
            }
        }
        return lines;
    }

    /** The corpora's sendmail lines; empty where the shared directory is absent. */
    static List<Corpus.Line> corpus() throws IOException {
        List<Corpus.Line> lines = new ArrayList<>();
        String dir = System.getProperty("mailtrace.shared.dir", "../../shared");
        for (String f : Corpus.FILES) {
            Path p = Path.of(dir).resolve(f);
            if (Files.exists(p)) {
                lines.addAll(Corpus.sendmailLines(p));
            }
        }
        return lines;
    }
}
