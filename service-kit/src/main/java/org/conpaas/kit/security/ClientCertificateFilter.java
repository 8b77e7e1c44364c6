package org.conpaas.kit.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.conpaas.kit.web.ProblemWriter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Authenticates a request by the client certificate the gateway verified (mutual TLS) and
 * forwarded with its proof; a certificate header without a valid proof is refused, so nobody who
 * reaches a service directly can claim someone's certificate. The proof is not the only lock: the
 * certificate must also chain to the ConPaaS CA and not be revoked ({@link CertificateAuthorityTrust}).
 */
class ClientCertificateFilter extends OncePerRequestFilter {

    static final class CertificateAuthentication extends AbstractAuthenticationToken {
        private final Object caller;

        CertificateAuthentication(Object caller) {
            super(List.of(new SimpleGrantedAuthority(caller instanceof CurrentUser u ? "ROLE_" + u.role().toUpperCase() : "ROLE_NODE")));
            this.caller = caller;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return caller;
        }
    }

    private final String secret;
    private final CertificateAuthorityTrust trust;

    ClientCertificateFilter(String secret, CertificateAuthorityTrust trust) {
        this.secret = secret;
        this.trust = trust;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String certificate = request.getHeader(ClientCertificates.HEADER);
        if (certificate == null || request.getHeader("Authorization") != null) {
            chain.doFilter(request, response);
            return;
        }
        if (!ClientCertificates.proven(secret, certificate, request.getHeader(ClientCertificates.PROOF))) {
            ProblemWriter.write(response, 401, "Unauthorized", "the client certificate was not forwarded by the gateway");
            return;
        }
        try {
            java.security.cert.X509Certificate forwarded = ClientCertificates.certificate(certificate);
            java.util.Optional<String> refusal = trust.refusal(forwarded);
            if (refusal.isPresent()) {
                ProblemWriter.write(response, 401, "Unauthorized", refusal.get());
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(new CertificateAuthentication(ClientCertificates.caller(forwarded)));
        } catch (IllegalArgumentException e) {
            ProblemWriter.write(response, 401, "Unauthorized", e.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }
}
