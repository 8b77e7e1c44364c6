package org.conpaas.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a zip or tar.gz code archive (told apart by their first bytes) into a directory,
 * refusing any entry that would land outside it (absolute paths, {@code ..}, links, devices,
 * fifos), and archives that unpack to more than their {@link UnpackLimits} (bytes that really
 * come out, entries). The caller deletes what was unpacked of a refused archive.
 */
final class ArchiveUnpacker {

    private final Path target;
    private final UnpackLimits limits;
    private long bytes;
    private int entries;

    private ArchiveUnpacker(Path target, UnpackLimits limits) {
        this.target = target;
        this.limits = limits;
    }

    static void unpack(Path archive, Path target) throws IOException, CodeRefused {
        unpack(archive, target, UnpackLimits.DEFAULT);
    }

    static void unpack(Path archive, Path target, UnpackLimits limits) throws IOException, CodeRefused {
        Files.createDirectories(target);
        ArchiveUnpacker unpacker = new ArchiveUnpacker(target.toAbsolutePath().normalize(), limits);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            in.mark(4);
            int first = in.read();
            int second = in.read();
            in.reset();
            if (first == 'P' && second == 'K') {
                unpacker.unzip(in);
            } else if (first == 0x1f && second == 0x8b) {
                unpacker.untar(new GZIPInputStream(in, 65536));
            } else {
                throw new CodeRefused("the code archive is neither a zip nor a tar.gz");
            }
        } catch (ZipException | TarReader.BadTar e) {
            throw new CodeRefused("the code archive is damaged: " + e.getMessage());
        }
    }

    private void unzip(InputStream in) throws IOException, CodeRefused {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path path = place(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    write(path, zip, false);
                }
            }
        }
    }

    private void untar(InputStream in) throws IOException, CodeRefused, TarReader.BadTar {
        TarReader tar = new TarReader(in);
        for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
            Path path = place(entry.name());
            switch (entry.kind()) {
                case DIRECTORY -> Files.createDirectories(path);
                case FILE -> write(path, tar.content(), (entry.mode() & 0100) != 0);
                default -> throw new CodeRefused("archive entry '" + entry.name() + "' is a " + entry.kind().name().toLowerCase()
                        + "; only files and directories are accepted");
            }
        }
    }

    /** Where {@code name} goes, refused when that is not strictly inside the target. */
    private Path place(String name) throws CodeRefused {
        if (++entries > limits.maxEntries()) {
            throw new CodeRefused("the code archive has more than " + limits.maxEntries() + " entries, this node's limit");
        }
        if (name.isEmpty() || name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0 || name.startsWith("/")) {
            throw new CodeRefused("archive entry '" + name + "' is not a relative path inside the code directory");
        }
        Path path = target.resolve(name).normalize();
        if (!path.startsWith(target) || path.equals(target) && !name.matches("\\.?/?")) {
            throw new CodeRefused("archive entry '" + name + "' escapes the code directory");
        }
        return path;
    }

    private void write(Path path, InputStream content, boolean executable) throws IOException, CodeRefused {
        Files.createDirectories(path.getParent());
        if (Files.isSymbolicLink(path) || Files.isDirectory(path)) {
            throw new CodeRefused("archive entry '" + target.relativize(path) + "' is there twice");
        }
        byte[] buffer = new byte[65536];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (int n = content.read(buffer); n > 0; n = content.read(buffer)) {
                bytes += n;
                if (bytes > limits.maxBytes()) {
                    throw new CodeRefused("the code archive unpacks to more than " + limits.describeBytes() + ", this node's limit"
                            + " (passed at entry '" + target.relativize(path) + "')");
                }
                out.write(buffer, 0, n);
            }
        }
        if (executable) {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path));
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
