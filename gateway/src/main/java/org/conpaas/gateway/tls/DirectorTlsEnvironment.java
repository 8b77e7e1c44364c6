package org.conpaas.gateway.tls;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.apache.commons.logging.Log;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns {@code conpaas.gateway.tls} into Spring Boot's own TLS settings before the web server is
 * made: a PEM SSL bundle of the director files (reloaded when cert-service replaces them) and
 * {@code client-auth=want} with the CA as trust, so a client certificate is optional but, when
 * sent, must chain to the ConPaaS CA. Waits for the files first. Settings given explicitly
 * (server.ssl.*, spring.ssl.bundle.*) still win: these are added with the lowest precedence.
 */
public class DirectorTlsEnvironment implements EnvironmentPostProcessor {

    public static final String BUNDLE = "conpaas-director";
    private final Log log;

    public DirectorTlsEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(DirectorTlsEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        TlsProperties tls = settings(environment);
        if (!tls.enabled()) {
            log.warn("conpaas.gateway.tls.enabled=false: serving plain HTTP, no client certificates");
            return;
        }
        log.info("waiting up to " + tls.startupWait().toSeconds() + " s for the director certificate in " + tls.directorDir().toAbsolutePath());
        DirectorFiles.await(tls);
        Map<String, Object> ssl = new LinkedHashMap<>();
        ssl.put("server.ssl.bundle", BUNDLE);
        ssl.put("server.ssl.client-auth", "want");
        String bundle = "spring.ssl.bundle.pem." + BUNDLE;
        ssl.put(bundle + ".keystore.certificate", "file:" + tls.certificate().toAbsolutePath());
        ssl.put(bundle + ".keystore.private-key", "file:" + tls.key().toAbsolutePath());
        ssl.put(bundle + ".truststore.certificate", "file:" + tls.ca().toAbsolutePath());
        ssl.put(bundle + ".reload-on-update", "true");
        environment.getPropertySources().addLast(new MapPropertySource("conpaasDirectorTls", ssl));
    }

    static TlsProperties settings(ConfigurableEnvironment environment) {
        return Binder.get(environment).bindOrCreate("conpaas.gateway.tls", TlsProperties.class);
    }
}
