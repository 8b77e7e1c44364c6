package org.conpaas.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a request whose Content-Type is not one media type ({@code *}{@code /*}, {@code text/*},
 * junk) with 415 problem+json before anything reads it: Spring's own header parsing would fail
 * deep inside body conversion and look like a server error.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && !header.isBlank()) {
            String problem = problemWith(header);
            if (problem != null) {
                ProblemWriter.write(response, 415, "Unsupported media type", problem);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with the header, or null when it names one concrete media type. */
    static String problemWith(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return "Content-Type '" + abbreviate(header) + "' is a pattern, not the type of a body; send application/json";
            }
            return null;
        } catch (InvalidMediaTypeException e) {
            return "Content-Type '" + abbreviate(header) + "' is not a media type; send application/json";
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
