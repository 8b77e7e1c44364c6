package org.conpaas.provisioning.cloud.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.stream.Stream;

/** Deleting what a node left on disk, never following a link its code made (it may point anywhere). */
final class NodeFiles {

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(NodeFiles.class).warn("could not delete {}: {}", root, e.getMessage());
        }
    }

    /** Everything directly in {@code dir} but the files named {@code keep}. */
    static void deleteAllBut(Path dir, Set<String> keep) {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(entry -> !keep.contains(entry.getFileName().toString())).forEach(NodeFiles::deleteTree);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(NodeFiles.class).warn("could not clean {}: {}", dir, e.getMessage());
        }
    }

    private NodeFiles() {
    }
}
