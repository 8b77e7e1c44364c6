package org.conpaas.app.service;

import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ArchiveInspectorTest {

    private static final CodeLimits DEFAULTS = new CodeLimits(DataSize.ofMegabytes(256), 10_000, 10, DataSize.ofMegabytes(512));
    private static final CodeLimits SMALL = new CodeLimits(DataSize.ofKilobytes(64), 5, 10, DataSize.ofMegabytes(512));

    @TempDir
    Path directory;

    private ArchiveInspector.Refused refused(byte[] archive, CodeLimits limits) throws Exception {
        Path file = Files.write(directory.resolve("upload.part"), archive);
        return catchThrowableOfType(ArchiveInspector.Refused.class, () -> ArchiveInspector.inspect(file, limits));
    }

    private void accepted(byte[] archive, CodeLimits limits) throws Exception {
        Path file = Files.write(directory.resolve("upload.part"), archive);
        assertThatCode(() -> ArchiveInspector.inspect(file, limits)).doesNotThrowAnyException();
    }

    @Test
    void acceptsOrdinaryZipsAndTarGzs() throws Exception {
        accepted(TestArchives.zip("index.html", "<h1>hi</h1>", "www/css/site.css", "body {}", "./start.sh", "echo"), DEFAULTS);
        accepted(new TestArchives.TarGz().directory("www").file("www/index.html", "hi").file("start.sh", "echo")
                .file("deep/" + "d".repeat(150) + "/long-name.txt", "long").bytes(), DEFAULTS);
    }

    @Test
    void refusesAZipBombByWhatItReallyUnpacksTo() throws Exception {
        byte[] bomb = TestArchives.zipBomb("zeros.bin", 300L << 20);
        assertThat(bomb.length).isLessThan(1 << 20);

        ArchiveInspector.Refused refusal = refused(bomb, DEFAULTS);

        assertThat(refusal.tooLarge).isTrue();
        assertThat(refusal).hasMessage("the code archive unpacks to more than 256 MiB (passed at entry 'zeros.bin');"
                + " that is the most one code version may take on a node");
    }

    @Test
    void countsEveryEntryTowardsTheUnpackedSize() throws Exception {
        TestArchives.TarGz tar = new TestArchives.TarGz();
        String kib = "x".repeat(1024);
        for (int i = 0; i < 4; i++) {
            tar.file("part" + i, kib.repeat(20));
        }
        assertThat(refused(tar.bytes(), SMALL)).hasMessageContaining("unpacks to more than 65536 bytes (passed at entry 'part3')");
    }

    @Test
    void refusesTooManyEntries() throws Exception {
        ArchiveInspector.Refused refusal = refused(TestArchives.zip("1", "", "2", "", "3", "", "4", "", "5", "", "6", ""), SMALL);
        assertThat(refusal.tooLarge).isTrue();
        assertThat(refusal).hasMessageStartingWith("the code archive has more than 5 entries");
    }

    @Test
    void refusesPathsOutsideTheCodeDirectory() throws Exception {
        for (String name : new String[]{"../evil.txt", "www/../../evil.txt", "a/../b", "/etc/cron.d/evil", "..\\evil.txt", "C:/evil"}) {
            ArchiveInspector.Refused zip = refused(TestArchives.zip("ok.txt", "ok", name, "pwned"), DEFAULTS);
            assertThat(zip.tooLarge).isFalse();
            assertThat(zip).hasMessage("archive entry '" + name + "' is not a relative path inside the code directory"
                    + " (no absolute paths, no '..', no backslashes)");
        }
        assertThat(refused(new TestArchives.TarGz().file("../../evil.txt", "pwned").bytes(), DEFAULTS))
                .hasMessageStartingWith("archive entry '../../evil.txt' is not a relative path");
        assertThat(refused(new TestArchives.TarGz().file("/etc/passwd", "pwned").bytes(), DEFAULTS))
                .hasMessageStartingWith("archive entry '/etc/passwd' is not a relative path");
    }

    @Test
    void refusesLinksDevicesAndFifos() throws Exception {
        assertThat(refused(new TestArchives.Zip().symlink("www", "/etc").bytes(), DEFAULTS))
                .hasMessage("archive entry 'www' is a symbolic link; links are refused: put the file itself into the archive");
        assertThat(refused(new TestArchives.TarGz().special("www", TarConstants.LF_SYMLINK, "/etc").bytes(), DEFAULTS))
                .hasMessage("archive entry 'www' is a symbolic link; links are refused: put the file itself into the archive");
        assertThat(refused(new TestArchives.TarGz().file("a", "a").special("b", TarConstants.LF_LINK, "a").bytes(), DEFAULTS))
                .hasMessageStartingWith("archive entry 'b' is a hard link; links are refused");
        assertThat(refused(new TestArchives.TarGz().special("null", TarConstants.LF_CHR, null).bytes(), DEFAULTS))
                .hasMessage("archive entry 'null' is a device or fifo; only files and directories are accepted");
        assertThat(refused(new TestArchives.TarGz().special("pipe", TarConstants.LF_FIFO, null).bytes(), DEFAULTS))
                .hasMessage("archive entry 'pipe' is a device or fifo; only files and directories are accepted");
    }

    @Test
    void refusesWhatIsNoArchiveOrIsDamaged() throws Exception {
        assertThat(refused("just text".getBytes(), DEFAULTS)).hasMessage("the code archive must be a zip or a gzip-compressed tar (tar.gz)");
        byte[] zip = TestArchives.zip("index.html", "x".repeat(5000));
        byte[] cut = java.util.Arrays.copyOf(zip, zip.length / 2);
        assertThat(refused(cut, DEFAULTS)).hasMessageStartingWith("the code archive is damaged and cannot be read through: ");
        byte[] tar = new TestArchives.TarGz().file("index.html", "x".repeat(5000)).bytes();
        assertThat(refused(java.util.Arrays.copyOf(tar, tar.length / 2), DEFAULTS))
                .hasMessageStartingWith("the code archive is damaged and cannot be read through: ");
    }
}
