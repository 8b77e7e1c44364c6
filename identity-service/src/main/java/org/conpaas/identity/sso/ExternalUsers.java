package org.conpaas.identity.sso;

import org.conpaas.identity.user.ExternalIdentity;
import org.conpaas.identity.user.Registration;
import org.conpaas.identity.user.Role;
import org.conpaas.identity.user.UserQueries;
import org.conpaas.identity.user.Username;
import org.conpaas.kit.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The ConPaaS user an external identity signs in as: the one it is linked to, or else one created
 * just in time with the default credit and role, the external identity recorded, and a random
 * password nobody knows (such a user signs in through the identity provider only).
 */
@Component
class ExternalUsers {

    private static final Logger log = LoggerFactory.getLogger(ExternalUsers.class);

    private final UserQueries users;
    private final Registration registration;
    private final SecureRandom random = new SecureRandom();

    ExternalUsers(UserQueries users, Registration registration) {
        this.users = users;
        this.registration = registration;
    }

    UserQueries.Credentials signIn(VerifiedIdToken token) {
        ExternalIdentity identity = token.externalIdentity();
        Optional<UserQueries.Credentials> known = users.credentialsByExternalIdentity(identity);
        if (known.isPresent()) {
            return known.get();
        }
        Username username = freeUsername(token);
        try {
            registration.register(username, token.email(), null, randomPassword(), Role.USER, null, identity.value());
            log.info("created user '{}' for {} (first single sign-on)", username, identity);
        } catch (ApiException | org.springframework.dao.DataIntegrityViolationException
                 | org.axonframework.commandhandling.CommandExecutionException takenMeanwhile) {
            // the same person signing in twice at once: the other login created the user
            log.info("user for {} not created ({}): looking it up again", identity, takenMeanwhile.getMessage());
        }
        return users.credentialsByExternalIdentity(identity).orElseThrow(() ->
                ApiException.conflict("no account could be made for " + identity + ": ask an administrator to link one"));
    }

    /** The provider's username (or the email's local part) made a valid, free ConPaaS username. */
    private Username freeUsername(VerifiedIdToken token) {
        String wanted = token.preferredUsername() != null ? token.preferredUsername()
                : token.email() != null ? token.email().split("@")[0] : "user";
        String base = wanted.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        if (base.length() < 3) {
            base = "user-" + base;
        }
        base = base.substring(0, Math.min(base.length(), 26));
        for (int n = 1; n < 100; n++) {
            Username candidate = Username.of(n == 1 ? base : base + "-" + n);
            if (!users.usernameTaken(candidate)) {
                return candidate;
            }
        }
        return Username.of("user-" + Long.toHexString(random.nextLong()).substring(0, 8));
    }

    private String randomPassword() {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
