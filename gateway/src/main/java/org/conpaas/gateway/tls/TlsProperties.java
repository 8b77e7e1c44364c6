package org.conpaas.gateway.tls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the gateway serves HTTPS: with the director certificate cert-service writes into the
 * director directory ({@code director.pem}, {@code director.key}, {@code ca.pem}), asking for an
 * optional client certificate of the ConPaaS CA. Plain HTTP only when an operator turns it off.
 *
 * @param enabled     false: plain HTTP, no client certificates (e.g. behind a TLS-terminating proxy)
 * @param directorDir the directory cert-service writes the director files into ({@code conpaas.ca.director-dir})
 * @param startupWait how long a start waits for those files before it fails, naming the directory
 */
@ConfigurationProperties("conpaas.gateway.tls")
public record TlsProperties(@DefaultValue("true") boolean enabled,
                            @DefaultValue("director") Path directorDir,
                            @DefaultValue("2m") Duration startupWait) {

    public static final String CERTIFICATE = "director.pem", KEY = "director.key", CA = "ca.pem";

    public Path certificate() {
        return directorDir.resolve(CERTIFICATE);
    }

    public Path key() {
        return directorDir.resolve(KEY);
    }

    public Path ca() {
        return directorDir.resolve(CA);
    }
}
