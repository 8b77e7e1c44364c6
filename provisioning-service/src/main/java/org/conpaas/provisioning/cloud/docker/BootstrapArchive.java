package org.conpaas.provisioning.cloud.docker;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The node's bootstrap as the tar archive the engine unpacks into a created container:
 * {@code node.properties}, owned by the image's {@code conpaas-node} user and readable by it only.
 */
final class BootstrapArchive {

    /** where the image's launcher looks for the bootstrap (docs/clouds.md) */
    static final String DIRECTORY = "/etc/conpaas";
    static final String FILE = "node.properties";
    /** the image's conpaas-node user and group (deploy/node-image/build) */
    static final int NODE_UID = 10001;

    private BootstrapArchive() {
    }

    static byte[] of(Map<String, String> settings) {
        StringBuilder text = new StringBuilder("# ConPaaS node bootstrap (written by provisioning-service's docker cloud)\n");
        settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(FILE);
            entry.setSize(content.length);
            entry.setMode(0100600);
            entry.setIds(NODE_UID, NODE_UID);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
