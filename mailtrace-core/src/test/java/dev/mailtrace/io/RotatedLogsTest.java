package dev.mailtrace.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatedLogsTest {

    @TempDir
    Path dir;

    void touch(String... names) throws IOException {
        for (String n : names) {
            Files.writeString(dir.resolve(n), n + "\n");
        }
    }

    List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void numberedRotationsHighestFirstThenLive() throws IOException {
        touch("maillog", "maillog.1", "maillog.2.gz", "maillog.10.gz", "maillog.3.gz", "maillog.9.gz");
        assertThat(names(RotatedLogs.list(dir.resolve("maillog"))))
                .containsExactly("maillog.10.gz", "maillog.9.gz", "maillog.3.gz", "maillog.2.gz", "maillog.1", "maillog");
    }

    @Test
    void dateSuffixedRotationsAscendingThenLive() throws IOException {
        touch("maillog", "maillog-20261201.gz", "maillog-20261124", "maillog-20261117.gz", "maillog-20261110.gz");
        assertThat(names(RotatedLogs.list(dir, "maillog")))
                .containsExactly("maillog-20261110.gz", "maillog-20261117.gz", "maillog-20261124", "maillog-20261201.gz", "maillog");
    }

    @Test
    void hourlyAndSequencedDatesSortByTime() throws IOException {
        touch("mail.log-2026112423.gz", "mail.log-20261124-1764000000", "mail.log-2026112401",
                "mail.log-20261124-1763990000.gz", "mail.log-20261123");
        assertThat(names(RotatedLogs.list(dir, "mail.log"))).containsExactly(
                "mail.log-20261123",
                "mail.log-20261124-1763990000.gz",
                "mail.log-20261124-1764000000",
                "mail.log-2026112401",
                "mail.log-2026112423.gz");
    }

    @Test
    void mixedSetsPutNumberedBeforeDatedAndIgnoreOtherNames() throws IOException {
        touch("maillog", "maillog.1", "maillog.2.gz", "maillog-20261124.gz", "maillog-20261201",
                "maillog.bak", "maillog.1.bz2", "maillog.xz", "maillog-old", "maillog-2026", "maillog.", "maillog.gz",
                "maillogx.1", "other.log", "maillog.-1", "maillog.1.gz.tmp");
        Files.createDirectory(dir.resolve("maillog.3"));
        assertThat(names(RotatedLogs.list(dir.resolve("maillog")))).containsExactly(
                "maillog.2.gz", "maillog.1", "maillog-20261124.gz", "maillog-20261201", "maillog");
    }

    @Test
    void sameNumberCompressedFirstAndMissingLiveFileIsFine() throws IOException {
        touch("maillog.1", "maillog.1.gz", "maillog.2");
        assertThat(names(RotatedLogs.list(dir.resolve("maillog")))).containsExactly("maillog.2", "maillog.1.gz", "maillog.1");
        assertThat(RotatedLogs.list(dir.resolve("nothing"))).isEmpty();
    }

    @Test
    void pathsKeepTheFormTheyWereGivenIn() throws IOException {
        touch("maillog", "maillog.1");
        Path live = dir.resolve("maillog");
        assertThat(RotatedLogs.list(live)).containsExactly(dir.resolve("maillog.1"), live);
        assertThat(RotatedLogs.list(dir, "maillog")).containsExactly(dir.resolve("maillog.1"), live);
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> RotatedLogs.list(dir.resolve("missing-dir/maillog"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> RotatedLogs.list(dir, "")).hasMessageContaining("base name []");
        assertThatThrownBy(() -> RotatedLogs.list(dir, "a/b")).hasMessageContaining("[a/b]");
    }
}
