package org.conpaas.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a request body larger than configured before anything reads it (413 problem+json).
 * Uploads (code archives {@code PUT /api/apps/{app}/services/{svc}/code}, SQL files {@code PUT …/mysql/load},
 * database archives from nodes) have their own, larger limit, which their controllers also enforce
 * while streaming (they may come without Content-Length).
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final java.util.regex.Pattern UPLOAD = java.util.regex.Pattern.compile(
            "/api/apps/[^/]+/services/[^/]+/(code|mysql/load)|/api/nodes/[^/]+/database-archives/[^/]+");

    private final DataSize requestLimit;
    private final DataSize uploadLimit;

    public RequestSizeLimitFilter(DataSize requestLimit, DataSize uploadLimit) {
        this.requestLimit = requestLimit;
        this.uploadLimit = uploadLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean upload = "PUT".equals(request.getMethod()) && UPLOAD.matcher(request.getRequestURI()).matches();
        DataSize limit = upload ? uploadLimit : requestLimit;
        if (length > limit.toBytes()) {
            ProblemWriter.write(response, 413, "Payload too large",
                    "the request body has " + length + " bytes; at most " + limit.toBytes() + " are accepted"
                            + (upload ? " for an upload (conpaas.web.max-upload-size)" : ""));
            return;
        }
        chain.doFilter(request, response);
    }
}
