package org.conpaas.identity.sso;

import org.conpaas.kit.web.ApiException;
import org.springframework.http.HttpStatus;

/** The refusals of single sign-on, each with a detail that says what to do. */
final class SsoProblem {

    private SsoProblem() {
    }

    /** Keycloak (or the realm's settings here) is not as configured: the operator must act. */
    static ApiException misconfigured(String detail) {
        return new ApiException(HttpStatus.BAD_GATEWAY, "Identity provider misconfigured", detail);
    }

    /** The login itself is refused: a token or state that does not check out. */
    static ApiException refused(String detail) {
        return ApiException.unauthorized(detail);
    }

    static ApiException notConfigured() {
        return ApiException.notFound("single sign-on is not configured on this ConPaaS (conpaas.sso.enabled): log in with "
                + "a username and password");
    }
}
