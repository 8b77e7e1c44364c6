package org.conpaas.gateway.dashboard;

import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who reads an event stream and what they may see: an administrator everything; a user the
 * events about themself, about what they own, and about their applications (known when the
 * stream opens, and followed as app.created / app.deleted for them pass by).
 */
final class Viewer {

    private final String userId;
    private final boolean admin;
    private final Instant tokenExpiresAt;
    private final Set<String> applications = ConcurrentHashMap.newKeySet();

    Viewer(String userId, boolean admin, Instant tokenExpiresAt, Iterable<String> applications) {
        this.userId = userId;
        this.admin = admin;
        this.tokenExpiresAt = tokenExpiresAt;
        applications.forEach(this.applications::add);
    }

    static boolean isAdmin(Jwt token) {
        return "admin".equals(token.getClaimAsString("role"));
    }

    boolean admin() {
        return admin;
    }

    Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    boolean maySee(PlatformEvent event) {
        if (admin) {
            return true;
        }
        boolean mine = userId.equals(event.ownerId());
        if (mine && event.applicationId() != null) {
            if ("app.deleted".equals(event.type())) {
                applications.remove(event.applicationId());
            } else {
                applications.add(event.applicationId());
            }
        }
        return mine || (event.applicationId() != null && applications.contains(event.applicationId()));
    }
}
