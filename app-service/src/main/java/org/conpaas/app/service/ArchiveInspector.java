package org.conpaas.app.service;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * Reads a stored code archive through before it is accepted, the way a node would unpack it:
 * every entry must be a file or directory at a relative path inside the code directory (no
 * {@code ..}, no absolute path; links, devices and fifos are refused, all of them), and the whole
 * must unpack to at most {@link CodeLimits#maxUnpackedSize()} in at most
 * {@link CodeLimits#maxEntries()} entries, counted from the bytes that really come out.
 */
final class ArchiveInspector {

    /** Why an archive is refused, in words for its uploader; {@code tooLarge} when a limit was passed. */
    static final class Refused extends Exception {
        final boolean tooLarge;

        Refused(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }
    }

    private final CodeLimits limits;
    private final byte[] buffer = new byte[64 * 1024];
    private long unpacked;
    private int entries;

    private ArchiveInspector(CodeLimits limits) {
        this.limits = limits;
    }

    /** Returns when {@code archive} (a zip or a tar.gz, told apart by its first bytes) is acceptable. */
    static void inspect(Path archive, CodeLimits limits) throws Refused, IOException {
        ArchiveInspector inspector = new ArchiveInspector(limits);
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(archive)) {
            int n = in.readNBytes(head, 0, 4);
            if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                inspector.zip(archive);
            } else if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                inspector.tarGz(archive);
            } else {
                throw new Refused("the code archive must be a zip or a gzip-compressed tar (tar.gz)", false);
            }
        }
    }

    private void zip(Path archive) throws Refused, IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder(); all.hasMoreElements(); ) {
                ZipArchiveEntry entry = all.nextElement();
                // as stored: the library turns backslashes into slashes, a node's unzip does not
                check(entry.getRawName() == null ? entry.getName() : new String(entry.getRawName(), StandardCharsets.UTF_8));
                if (entry.isUnixSymlink()) {
                    throw new Refused("archive entry '" + shown(entry) + "' is a symbolic link; links are refused: put the file itself"
                            + " into the archive", false);
                }
                if (!entry.isDirectory()) {
                    if (!zip.canReadEntryData(entry)) {
                        throw new Refused("archive entry '" + shown(entry) + "' is encrypted or compressed in a way nodes cannot unpack"
                                + " (use deflate or store)", false);
                    }
                    try (InputStream content = zip.getInputStream(entry)) {
                        count(entry, content);
                    }
                }
            }
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private void tarGz(Path archive) throws Refused {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                check(entry.getName());
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new Refused("archive entry '" + shown(entry) + "' is a " + (entry.isLink() ? "hard" : "symbolic")
                            + " link; links are refused: put the file itself into the archive", false);
                }
                if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    throw new Refused("archive entry '" + shown(entry) + "' is a device or fifo; only files and directories are accepted",
                            false);
                }
                if (entry.isDirectory()) {
                    continue;
                }
                byte flag = entry.getLinkFlag();
                if (flag != TarConstants.LF_NORMAL && flag != TarConstants.LF_OLDNORM && flag != TarConstants.LF_CONTIG) {
                    throw new Refused("archive entry '" + shown(entry) + "' is neither a file nor a directory (tar type '"
                            + (char) flag + "'); only files and directories are accepted", false);
                }
                count(entry, tar);
            }
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private void check(String name) throws Refused {
        if (++entries > limits.maxEntries()) {
            throw new Refused("the code archive has more than " + limits.maxEntries() + " entries (files and directories);"
                    + " that is the most one code version may hold", true);
        }
        if (!CodePath.isInside(name)) {
            throw new Refused("archive entry '" + shown(name) + "' is not a relative path inside the code directory"
                    + " (no absolute paths, no '..', no backslashes)", false);
        }
    }

    private void count(ArchiveEntry entry, InputStream content) throws IOException, Refused {
        for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
            unpacked += n;
            if (unpacked > limits.maxUnpackedSize().toBytes()) {
                throw new Refused("the code archive unpacks to more than " + CodePath.size(limits.maxUnpackedSize().toBytes())
                        + " (passed at entry '" + shown(entry) + "'); that is the most one code version may take on a node", true);
            }
        }
    }

    private static String shown(ArchiveEntry entry) {
        return shown(entry.getName());
    }

    private static String shown(String name) {
        return name.length() > 200 ? name.substring(0, 200) + "…" : name;
    }

    private static Refused damaged(IOException e) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? "it ends too early" : e.getMessage();
        return new Refused("the code archive is damaged and cannot be read through: " + why, false);
    }
}
