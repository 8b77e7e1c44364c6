package org.conpaas.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A service's code as a manifest names it: a zip, war or tar.gz taken as it is, or a directory
 * zipped the same way every time (sorted entries, one fixed time stamp), so unchanged code has an
 * unchanged checksum and is not uploaded again.
 */
record CodeArchive(byte[] bytes, String sha256) {

    private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the first time a zip can hold
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    static CodeArchive of(Path path) {
        try {
            if (Files.isDirectory(path)) {
                return new CodeArchive(zip(path));
            }
            if (!Files.isRegularFile(path)) {
                throw new CliFailure("no code at " + path + ": give a directory, a zip, a war or a tar.gz");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new CliFailure(path + " is larger than 256 MB");
            }
            return new CodeArchive(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new CliFailure("cannot read the code at " + path + ": " + e.getMessage());
        }
    }

    private CodeArchive(byte[] bytes) {
        this(bytes, sha256(bytes));
    }

    private static byte[] zip(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(p -> !p.equals(directory)).filter(p -> !Files.isSymbolicLink(p))
                    .filter(p -> directory.relativize(p).toString().split("/")[0].equals(".git") == false)
                    .sorted().toList();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long total = 0;
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path p : files) {
                String name = directory.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "");
                ZipEntry entry = new ZipEntry(name);
                entry.setTime(FIXED_TIME);
                zip.putNextEntry(entry);
                if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                    if (total > MAX_BYTES) {
                        throw new CliFailure(directory + " holds more than 256 MB");
                    }
                    Files.copy(p, zip);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
