package org.conpaas.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The code version this node refused and why, kept in {@code <work-dir>/refused-code} (version on
 * the first line, reason on the second) so that a restarted agent does not fetch it again.
 */
record RefusedCode(long version, String reason) {

    private static final Logger LOG = Logger.getLogger(RefusedCode.class.getName());
    private static final String FILE = "refused-code";

    static Optional<RefusedCode> load(Path workDir) {
        Path file = workDir.resolve(FILE);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", 2);
            return Optional.of(new RefusedCode(Long.parseLong(lines[0].strip()), lines.length > 1 ? lines[1].strip() : "refused"));
        } catch (IOException | NumberFormatException e) {
            LOG.warning(() -> "ignoring " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Best effort: without the file a restarted agent fetches the version once more and refuses it again. */
    void save(Path workDir) {
        try {
            Files.writeString(workDir.resolve(FILE), version + "\n" + reason.replace('\n', ' ') + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warning(() -> "could not remember refused code version " + version + ": " + e.getMessage());
        }
    }
}
