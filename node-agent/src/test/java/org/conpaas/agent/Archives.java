package org.conpaas.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Code archives built byte by byte, including hostile ones no well-behaved tool would write. */
final class Archives {

    private Archives() {
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A small zip whose one entry is {@code unpacked} zero bytes (deflate makes about a thousand to one of that). */
    static byte[] zipBomb(String name, long unpacked) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry(name));
            byte[] zeros = new byte[1 << 20];
            for (long left = unpacked; left > 0; left -= zeros.length) {
                zip.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A tar.gz of regular files (mode 0755 for names ending in .sh, else 0644). */
    static byte[] tarGz(Map<String, String> files) throws IOException {
        Tar tar = new Tar();
        files.forEach((name, content) -> tar.file(name, content, name.endsWith(".sh") ? 0755 : 0644));
        return tar.gzip();
    }

    /** Writes ustar entries; names over 100 characters get a GNU long-name entry first. */
    static final class Tar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Tar file(String name, String content, int mode) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            entry(name, '0', data, mode, "");
            return this;
        }

        Tar directory(String name) {
            entry(name, '5', new byte[0], 0755, "");
            return this;
        }

        Tar symlink(String name, String target) {
            entry(name, '2', new byte[0], 0777, target);
            return this;
        }

        /** An entry of any tar type: '1' hard link, '3'/'4' devices, '6' fifo. */
        Tar special(String name, char type, String link) {
            entry(name, type, new byte[0], 0644, link);
            return this;
        }

        byte[] gzip() throws IOException {
            out.write(new byte[1024]);
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(gz)) {
                gzip.write(out.toByteArray());
            }
            return gz.toByteArray();
        }

        private void entry(String name, char type, byte[] data, int mode, String link) {
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            if (nameBytes.length > 100) {
                byte[] longName = (name + "\0").getBytes(StandardCharsets.UTF_8);
                block("././@LongLink", 'L', longName, 0644, "");
                name = name.substring(0, 99);
            }
            block(name, type, data, mode, link);
        }

        private void block(String name, char type, byte[] data, int mode, String link) {
            byte[] header = new byte[512];
            put(header, 0, name, 100);
            put(header, 100, String.format("%07o", mode), 8);
            put(header, 108, "0000000", 8);
            put(header, 116, "0000000", 8);
            put(header, 124, String.format("%011o", data.length), 12);
            put(header, 136, String.format("%011o", 0), 12);
            header[156] = (byte) type;
            put(header, 157, link, 100);
            put(header, 257, "ustar", 6);
            put(header, 263, "00", 2);
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o", sum), 7);
            out.writeBytes(header);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        }

        private static void put(byte[] header, int offset, String value, int length) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
        }
    }
}
