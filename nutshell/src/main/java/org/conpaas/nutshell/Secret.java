package org.conpaas.nutshell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A generated password kept in a file only its owner may read (0600): made on the first start,
 * the same on every later one (the administrator's, the embedded broker's).
 */
record Secret(String value, boolean createdNow, Path file) {

    static Secret loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return new Secret(Files.readString(file).strip(), false, file);
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n");
        return new Secret(password, true, file);
    }
}
