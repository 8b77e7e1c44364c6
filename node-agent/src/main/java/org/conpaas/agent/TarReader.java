package org.conpaas.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream (POSIX ustar, with pax and GNU long names, as GNU tar, bsdtar and Python
 * write them), entry by entry. The JDK has no tar reader and the agent takes no library for it.
 */
final class TarReader {

    private static final int BLOCK = 512;

    enum Kind { FILE, DIRECTORY, LINK, SYMBOLIC_LINK, DEVICE, FIFO }

    record Entry(String name, Kind kind, long size, int mode) {
    }

    /** The stream is not a tar archive, or is cut short. */
    static final class BadTar extends Exception {
        BadTar(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, its content readable from {@link #content()} until the one after; null at the end. */
    Entry next() throws IOException, BadTar {
        skip(remaining + padding);
        String longName = null;
        while (true) {
            byte[] header = readBlock();
            if (header == null || isZero(header)) {
                return null;
            }
            checkChecksum(header);
            long size = number(header, 124, 12);
            char type = (char) header[156];
            if (type == 'L' || type == 'x' || type == 'g') {
                String text = new String(readContent(size), StandardCharsets.UTF_8);
                if (type == 'L') {
                    longName = text.indexOf('\0') >= 0 ? text.substring(0, text.indexOf('\0')) : text;
                } else if (type == 'x') {
                    String path = paxPath(text);
                    longName = path != null ? path : longName;
                }
                continue;
            }
            String name = longName != null ? longName : name(header);
            remaining = kind(type) == Kind.FILE ? size : 0;
            padding = kind(type) == Kind.FILE ? (BLOCK - size % BLOCK) % BLOCK : 0;
            if (kind(type) != Kind.FILE) {
                skip(size + (BLOCK - size % BLOCK) % BLOCK);
            }
            return new Entry(name, kind(type), size, (int) number(header, 100, 8));
        }
    }

    /** The current entry's bytes. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(length, remaining));
                if (n < 0) {
                    throw new IOException("the tar archive ends inside an entry");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private static Kind kind(char type) {
        return switch (type) {
            case '0', '\0', '7' -> Kind.FILE;
            case '5' -> Kind.DIRECTORY;
            case '1' -> Kind.LINK;
            case '2' -> Kind.SYMBOLIC_LINK;
            case '3', '4' -> Kind.DEVICE;
            default -> Kind.FIFO;
        };
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The {@code path} record of a pax header: lines "length key=value\n". */
    private static String paxPath(String records) {
        String path = null;
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            int equals = line.indexOf('=');
            if (space > 0 && equals > space && line.substring(space + 1, equals).equals("path")) {
                path = line.substring(equals + 1);
            }
        }
        return path;
    }

    private byte[] readContent(long size) throws IOException, BadTar {
        if (size > 1 << 20) {
            throw new BadTar("an extended header of " + size + " bytes");
        }
        byte[] content = in.readNBytes((int) size);
        if (content.length != size) {
            throw new BadTar("the archive ends inside an extended header");
        }
        skip((BLOCK - size % BLOCK) % BLOCK);
        return content;
    }

    private byte[] readBlock() throws IOException, BadTar {
        byte[] block = in.readNBytes(BLOCK);
        if (block.length == 0) {
            return null;
        }
        if (block.length != BLOCK) {
            throw new BadTar("the archive ends inside a header");
        }
        return block;
    }

    private void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the tar archive ends inside an entry");
                }
                skipped = 1;
            }
            left -= skipped;
        }
        remaining = 0;
        padding = 0;
    }

    private static void checkChecksum(byte[] header) throws BadTar {
        long expected = number(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        if (sum != expected) {
            throw new BadTar("a header's checksum does not match (not a tar archive?)");
        }
    }

    /** Octal, or base-256 when the first byte's high bit is set (GNU, for sizes of 8 GiB and more). */
    private static long number(byte[] header, int offset, int length) throws BadTar {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        String text = text(header, offset, length).trim();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new BadTar("a header field is not an octal number: '" + text + "'");
        }
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
