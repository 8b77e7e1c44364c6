package org.conpaas.identity.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes sure an administrator exists: on the first start it registers one, with the configured
 * password or a generated one that is printed once (and written, 0600, to the password file if
 * one is configured). Later starts find the administrator and do nothing.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserQueries queries;
    private final Registration registration;
    private final IdentityProperties properties;

    AdminBootstrap(UserQueries queries, Registration registration, IdentityProperties properties) {
        this.queries = queries;
        this.registration = registration;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (queries.adminExists()) {
            return;
        }
        IdentityProperties.Admin admin = properties.admin();
        boolean generated = admin.password().isBlank();
        String password = generated ? generate() : admin.password();
        Username username = Username.of(admin.username());
        if (queries.usernameTaken(username)) {
            log.warn("no administrator exists, but '{}' is taken by a plain user: grant a role by hand", username);
            return;
        }
        try {
            registration.register(username, null, null, password, Role.ADMIN, properties.maxCredit());
        } catch (org.conpaas.kit.web.ApiException | org.springframework.dao.DuplicateKeyException
                 | org.axonframework.commandhandling.CommandExecutionException takenMeanwhile) {
            // another instance starting at the same moment registered it first
            log.info("the administrator was created by another instance");
            return;
        }
        if (!admin.passwordFile().isBlank()) {
            write(Path.of(admin.passwordFile()), password);
        }
        if (generated) {
            log.warn("""

                    ================================================================
                      ConPaaS administrator created (shown only this once)
                        username: {}
                        password: {}
                    ================================================================""", username, password);
        } else {
            log.info("ConPaaS administrator '{}' created with the configured password", username);
        }
    }

    private static String generate() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void write(Path file, String password) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the administrator password to " + file, e);
        }
    }
}
