package org.conpaas.app.service;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Code archives for tests, hostile ones included: built entry by entry, as an attacker would. */
final class TestArchives {

    private TestArchives() {
    }

    /** Names stored exactly as given (the JDK's writer, unlike commons-compress's, keeps backslashes). */
    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new java.util.zip.ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A small zip holding one entry of {@code unpacked} zero bytes: it compresses about a thousand to one. */
    static byte[] zipBomb(String name, long unpacked) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            byte[] zeros = new byte[1 << 20];
            for (long left = unpacked; left > 0; left -= zeros.length) {
                zip.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
            zip.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    static final class Zip {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);

        Zip file(String name, String content) throws IOException {
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
            return this;
        }

        Zip symlink(String name, String target) throws IOException {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(0120777);
            zip.putArchiveEntry(entry);
            zip.write(target.getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            zip.close();
            return bytes.toByteArray();
        }
    }

    static final class TarGz {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar;

        TarGz() throws IOException {
            tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        TarGz file(String name, String content) throws IOException {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        }

        TarGz directory(String name) throws IOException {
            tar.putArchiveEntry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"));
            tar.closeArchiveEntry();
            return this;
        }

        /** An entry of the given tar type ({@link TarConstants#LF_SYMLINK}, {@code LF_LINK}, {@code LF_CHR}, {@code LF_FIFO}, …). */
        TarGz special(String name, byte type, String linkTarget) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
            if (linkTarget != null) {
                entry.setLinkName(linkTarget);
            }
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            tar.close();
            return bytes.toByteArray();
        }
    }
}
