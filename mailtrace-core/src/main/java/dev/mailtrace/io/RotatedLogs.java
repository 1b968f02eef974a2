package dev.mailtrace.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds the files of a rotated log and lists them in the order they were written, oldest first,
 * so that reading them in turn reads the log in time order:
 * <ol>
 *   <li>numbered rotations {@code maillog.N} and {@code maillog.N.gz}, highest {@code N} first
 *       (logrotate's default and {@code savelog}; with {@code delaycompress} the newest is not
 *       compressed yet). For the same {@code N} the compressed file comes first;</li>
 *   <li>date-suffixed rotations (logrotate's {@code dateext}) {@code maillog-YYYYMMDD[.gz]}, also
 *       with an hour or time ({@code -YYYYMMDDHH}, up to {@code -YYYYMMDDHHMMSS}) and with a
 *       trailing {@code -N} ({@code dateformat -%Y%m%d-%s}), in ascending date order. A set that
 *       has both kinds was switched to {@code dateext} at some point, so numbered ones are older;</li>
 *   <li>the live file {@code maillog} itself, last.</li>
 * </ol>
 * Only regular files whose names have exactly these shapes are listed: {@code maillog.bak},
 * {@code maillog.1.bz2} or {@code maillog-old} are not. Files compressed other than with gzip
 * ({@code .bz2}, {@code .xz}, {@code .zst}) cannot be read by {@link LogInput}: decompress them
 * first. Compression is detected from the content when reading, so the {@code .gz} suffix is
 * only used here for naming.
 */
public final class RotatedLogs {

    private RotatedLogs() {
    }

    /** The rotated set whose live file is {@code live} (which need not exist), oldest first. */
    public static List<Path> list(Path live) throws IOException {
        Objects.requireNonNull(live, "live");
        Path name = live.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("[" + live + "] names no file");
        }
        Path parent = live.getParent();
        return list(parent == null ? Path.of("") : parent, name.toString(), live::resolveSibling);
    }

    /** The rotated set of files named {@code baseName...} in {@code dir}, oldest first. */
    public static List<Path> list(Path dir, String baseName) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(baseName, "baseName");
        if (baseName.isEmpty() || baseName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("base name [" + baseName + "] must be a non-empty file name");
        }
        return list(dir, baseName, dir::resolve);
    }

    private record Rotated(Path path, int kind, long number, String date, boolean gz) {
    }

    private static final int NUMBERED = 0;
    private static final int DATED = 1;
    private static final int LIVE = 2;

    private static final Comparator<Rotated> ORDER = Comparator.<Rotated>comparingInt(r -> r.kind)
            .thenComparing((a, b) -> a.kind == NUMBERED ? Long.compare(b.number, a.number) : 0)
            .thenComparing((a, b) -> a.kind == DATED ? a.date.compareTo(b.date) : 0)
            .thenComparing((a, b) -> a.kind == DATED ? Long.compare(a.number, b.number) : 0)
            .thenComparing((a, b) -> Boolean.compare(b.gz, a.gz));

    private static List<Path> list(Path dir, String base, java.util.function.Function<String, Path> resolve)
            throws IOException {
        List<Rotated> found = new ArrayList<>();
        Path listed = dir.toString().isEmpty() ? Path.of(".") : dir;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(listed)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(base)) {
                    continue;
                }
                Rotated r = classify(name.substring(base.length()), resolve.apply(name));
                if (r != null && Files.isRegularFile(entry)) {
                    found.add(r);
                }
            }
        }
        found.sort(ORDER);
        List<Path> out = new ArrayList<>(found.size());
        for (Rotated r : found) {
            out.add(r.path);
        }
        return List.copyOf(out);
    }

    /** What the part of a name after the base says, or null if it is no rotation of it. */
    private static Rotated classify(String rest, Path path) {
        if (rest.isEmpty()) {
            return new Rotated(path, LIVE, 0, "", false);
        }
        boolean gz = rest.endsWith(".gz");
        String core = gz ? rest.substring(0, rest.length() - 3) : rest;
        if (core.length() < 2) {
            return null;
        }
        char sep = core.charAt(0);
        String tail = core.substring(1);
        if (sep == '.' && allDigits(tail) && tail.length() <= 18) {
            return new Rotated(path, NUMBERED, Long.parseLong(tail), "", gz);
        }
        if (sep == '-') {
            int dash = tail.indexOf('-');
            String date = dash < 0 ? tail : tail.substring(0, dash);
            String seq = dash < 0 ? "" : tail.substring(dash + 1);
            if (date.length() >= 8 && date.length() <= 14 && allDigits(date)
                    && (dash < 0 || !seq.isEmpty() && seq.length() <= 18 && allDigits(seq))) {
                String padded = date + "0".repeat(14 - date.length());
                return new Rotated(path, DATED, seq.isEmpty() ? -1 : Long.parseLong(seq), padded, gz);
            }
        }
        return null;
    }

    private static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
