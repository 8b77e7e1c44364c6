package org.conpaas.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiveUnpackerTest {

    @TempDir
    Path directory;

    private Path archive(byte[] bytes) throws Exception {
        return Files.write(directory.resolve("archive"), bytes);
    }

    private Path target() {
        return directory.resolve("code/1");
    }

    @Test
    void unpacksAZipWithNestedDirectories() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("start.sh", "echo hi\n");
        files.put("www/", "");
        files.put("www/css/site.css", "body {}\n");
        ArchiveUnpacker.unpack(archive(Archives.zip(files)), target());

        assertEquals("echo hi\n", Files.readString(target().resolve("start.sh")));
        assertEquals("body {}\n", Files.readString(target().resolve("www/css/site.css")));
    }

    @Test
    void unpacksATarGzWithLongNamesDirectoriesAndExecutableBits() throws Exception {
        String longName = "deep/" + "d".repeat(120) + "/file.txt";
        byte[] tar = new Archives.Tar().directory("./").directory("deep/").file("start.sh", "echo hi\n", 0755)
                .file("README", "read me\n", 0644).file(longName, "long\n", 0644).gzip();
        ArchiveUnpacker.unpack(archive(tar), target());

        assertEquals("echo hi\n", Files.readString(target().resolve("start.sh")));
        assertTrue(Files.isExecutable(target().resolve("start.sh")));
        assertFalse(Files.isExecutable(target().resolve("README")));
        assertEquals("long\n", Files.readString(target().resolve(longName)));
    }

    @Test
    void refusesZipEntriesEscapingTheDirectory() throws Exception {
        for (String name : new String[]{"../evil.txt", "www/../../evil.txt", "/tmp/evil.txt", "..\\evil.txt"}) {
            Path archive = archive(Archives.zip(Map.of(name, "pwned")));
            CodeRefused refused = assertThrows(CodeRefused.class, () -> ArchiveUnpacker.unpack(archive, target()), name);
            assertTrue(refused.getMessage().contains("'" + name + "'"), refused.getMessage());
        }
        assertFalse(Files.exists(directory.resolve("evil.txt")));
        assertFalse(Files.exists(directory.resolve("code/evil.txt")));
    }

    @Test
    void refusesTarEntriesEscapingTheDirectoryAndLinks() throws Exception {
        Path slip = archive(new Archives.Tar().file("ok.txt", "ok", 0644).file("../../evil.txt", "pwned", 0644).gzip());
        assertEquals("archive entry '../../evil.txt' escapes the code directory",
                assertThrows(CodeRefused.class, () -> ArchiveUnpacker.unpack(slip, target())).getMessage());
        assertFalse(Files.exists(directory.resolve("evil.txt")));

        Path absolute = archive(new Archives.Tar().file("/etc/evil", "pwned", 0644).gzip());
        assertThrows(CodeRefused.class, () -> ArchiveUnpacker.unpack(absolute, directory.resolve("code/2")));

        Path link = archive(new Archives.Tar().symlink("www", "/etc").file("www/passwd", "pwned", 0644).gzip());
        assertEquals("archive entry 'www' is a symbolic_link; only files and directories are accepted",
                assertThrows(CodeRefused.class, () -> ArchiveUnpacker.unpack(link, directory.resolve("code/3"))).getMessage());
    }

    @Test
    void refusesWhatIsNeitherZipNorTarGzAndDamagedTars() throws Exception {
        Path text = archive("just text".getBytes());
        assertEquals("the code archive is neither a zip nor a tar.gz",
                assertThrows(CodeRefused.class, () -> ArchiveUnpacker.unpack(text, target())).getMessage());

        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(new byte[]{'x'});
            out.write(new byte[511]);
        }
        Path notTar = archive(gz.toByteArray());
        CodeRefused refused = assertThrows(CodeRefused.class, () -> ArchiveUnpacker.unpack(notTar, directory.resolve("code/2")));
        assertTrue(refused.getMessage().startsWith("the code archive is damaged"), refused.getMessage());
    }

    @Test
    void refusesAZipBombAtTheDefaultLimitByTheBytesThatComeOut() throws Exception {
        byte[] bomb = Archives.zipBomb("zeros.bin", 300L << 20);
        assertTrue(bomb.length < 1 << 20, "the bomb is small: " + bomb.length);
        Path archive = archive(bomb);

        CodeRefused refused = assertThrows(CodeRefused.class, () -> ArchiveUnpacker.unpack(archive, target()));

        assertEquals("the code archive unpacks to more than 256 MiB, this node's limit (passed at entry 'zeros.bin')",
                refused.getMessage());
        assertTrue(Files.size(target().resolve("zeros.bin")) <= (256L << 20) + 65536, "stopped at the limit");
    }

    @Test
    void appliesTheLimitsItIsGiven() throws Exception {
        UnpackLimits small = new UnpackLimits(64 << 10, 3);
        byte[] tar = new Archives.Tar().file("a", "x".repeat(40_000), 0644).file("b", "x".repeat(40_000), 0644).gzip();
        Path big = archive(tar);
        assertEquals("the code archive unpacks to more than 65536 bytes, this node's limit (passed at entry 'b')",
                assertThrows(CodeRefused.class, () -> ArchiveUnpacker.unpack(big, target(), small)).getMessage());

        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            files.put("f" + i, "");
        }
        Path many = archive(Archives.zip(files));
        assertEquals("the code archive has more than 3 entries, this node's limit",
                assertThrows(CodeRefused.class, () -> ArchiveUnpacker.unpack(many, directory.resolve("code/2"), small)).getMessage());
    }

    @Test
    void refusesHardLinksDevicesAndFifosInTars() throws Exception {
        for (char type : new char[]{'1', '3', '4', '6'}) {
            Path archive = archive(new Archives.Tar().file("a", "a", 0644).special("b", type, "a").gzip());
            CodeRefused refused = assertThrows(CodeRefused.class, () -> ArchiveUnpacker.unpack(archive, directory.resolve("code/" + type)));
            assertTrue(refused.getMessage().startsWith("archive entry 'b' is a "), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("; only files and directories are accepted"), refused.getMessage());
        }
    }
}
