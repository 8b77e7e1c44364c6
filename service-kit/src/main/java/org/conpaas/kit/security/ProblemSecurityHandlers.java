package org.conpaas.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.conpaas.kit.web.ProblemWriter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 as problem+json, saying what is wrong with the token. */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String detail = e instanceof InvalidBearerTokenException
                ? "the token was refused: " + e.getMessage().replace("An error occurred while attempting to decode the Jwt: ", "")
                : "log in first: send 'Authorization: Bearer <token>' from POST /api/auth/login";
        response.setHeader("WWW-Authenticate", "Bearer");
        ProblemWriter.write(response, 401, "Unauthorized", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ProblemWriter.write(response, 403, "Forbidden", "your role may not do this");
    }
}
