package org.conpaas.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Refuses a request body larger than configured before anything reads it (413 problem+json). */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final DataSize limit;

    public RequestSizeLimitFilter(DataSize limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > limit.toBytes()) {
            ProblemWriter.write(response, 413, "Payload too large",
                    "the request body has " + length + " bytes; at most " + limit.toBytes() + " are accepted");
            return;
        }
        chain.doFilter(request, response);
    }
}
