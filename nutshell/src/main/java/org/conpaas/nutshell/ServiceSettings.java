package org.conpaas.nutshell;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the nutshell tells a service: {@code --key=value} arguments, and the secrets as
 * environment variables so that they do not show in {@code ps}.
 */
record ServiceSettings(List<String> arguments, Map<String, String> environment) {

    static final String DEFAULT_AMQP_USER = "guest";

    static ServiceSettings of(ServiceSpec spec, List<ServiceSpec> plan, Database database, URI amqp, String exchange,
                              String adminPassword, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + spec.port()));
        Map<String, String> env = new HashMap<>();
        if (spec.isGateway()) {
            // the one port meant for clients; health (for the nutshell) on loopback, plain HTTP
            args.add("--server.address=0.0.0.0");
            if (spec.healthPort() != spec.port()) {
                args.add("--management.server.port=" + spec.healthPort());
                args.add("--management.server.address=127.0.0.1");
                args.add("--management.server.ssl.enabled=false");
            }
            for (ServiceSpec other : plan) {
                if (!other.isGateway()) {
                    args.add("--conpaas.gateway." + other.name() + "=http://127.0.0.1:" + other.port());
                }
            }
        } else {
            args.add("--server.address=127.0.0.1");
            args.add("--spring.datasource.url=" + database.urlOf(spec.database()));
            args.add("--spring.datasource.username=" + database.user());
            env.put("SPRING_DATASOURCE_PASSWORD", database.password());
            // a forwarded client certificate must chain to cert-service's CA and not be revoked
            plan.stream().filter(s -> s.name().equals("cert")).findFirst()
                    .ifPresent(cert -> args.add("--conpaas.security.certificate-authority-url=http://127.0.0.1:" + cert.port()));
        }
        // every service publishes or consumes integration events; the gateway streams them to the dashboard
        args.add("--spring.rabbitmq.host=" + amqp.getHost());
        args.add("--spring.rabbitmq.port=" + (amqp.getPort() < 0 ? 5672 : amqp.getPort()));
        String[] credentials = amqp.getRawUserInfo() == null
                ? new String[]{DEFAULT_AMQP_USER, DEFAULT_AMQP_USER} : amqp.getRawUserInfo().split(":", 2);
        args.add("--spring.rabbitmq.username=" + decode(credentials[0]));
        env.put("SPRING_RABBITMQ_PASSWORD", credentials.length > 1 ? decode(credentials[1]) : "");
        args.add("--spring.rabbitmq.virtual-host=" + virtualHost(amqp));
        args.add("--conpaas.bus.exchange=" + exchange);
        args.add("--conpaas.security.jwks-uri=" + jwksUri(plan));
        if (spec.name().equals("identity")) {
            env.put("CONPAAS_IDENTITY_ADMIN_PASSWORD", adminPassword);
        }
        args.addAll(extra);
        return new ServiceSettings(List.copyOf(args), Map.copyOf(env));
    }

    /**
     * identity-service's passphrase for its token-signing keys (encrypted at rest), through the
     * environment; the other services get nothing.
     */
    ServiceSettings withSigningKeyPassphrase(ServiceSpec spec, String passphrase) {
        return spec.name().equals("identity") ? withEnvironment("CONPAAS_IDENTITY_SIGNINGKEY_PASSPHRASE", passphrase) : this;
    }

    /** These settings plus one environment variable (a secret: not on the command line). */
    ServiceSettings withEnvironment(String name, String value) {
        Map<String, String> env = new HashMap<>(environment);
        env.put(name, value);
        return new ServiceSettings(arguments, Map.copyOf(env));
    }

    /**
     * The local cloud provisioning-service starts nodes on: node-agent processes from this
     * checkout, in {@code <data>/nodes}, tagged with this data directory; nodes call the gateway.
     * {@code fencedPorts}: the platform's ports (services, database, broker) nodes must never reach,
     * also where they lie among the high ports node services listen on.
     */
    static List<String> localCloud(List<ServiceSpec> plan, Path repo, Path data, String publicUrl, java.util.Collection<Integer> fencedPorts) {
        ServiceSpec cert = plan.stream().filter(s -> s.name().equals("cert")).findFirst().orElseThrow();
        java.util.SortedSet<Integer> fenced = new java.util.TreeSet<>(fencedPorts);
        plan.stream().filter(s -> !s.isGateway()).forEach(s -> fenced.add(s.port()));
        return List.of(
                "--conpaas.clouds.definitions.local.fenced-ports=" + fenced.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")),
                "--conpaas.clouds.definitions.local.driver=local",
                "--conpaas.clouds.definitions.local.node-agent-jar=" + repo.resolve("node-agent").resolve("target")
                        .resolve("node-agent-2.0.0-SNAPSHOT.jar"),
                "--conpaas.clouds.definitions.local.work-dir=" + data.resolve("nodes"),
                "--conpaas.clouds.definitions.local.node-home=" + LocalNodeHomes.root(data),
                "--conpaas.clouds.deployment=" + LocalNodeHomes.deployment(data),
                "--conpaas.database.archive-dir=" + data.resolve("database-archives"),
                "--conpaas.nodes.public-url=" + publicUrl,
                "--conpaas.nodes.ca-certificate-url=http://127.0.0.1:" + cert.port() + "/api/ca/certificate");
    }

    /**
     * HTTPS for the gateway with the director certificate cert-service keeps in {@code <data>/director}
     * for the public URL's host, and client certificates of the ConPaaS CA accepted (mutual TLS);
     * the gateway waits for those files itself. {@code --plain-http} turns the gateway's TLS off.
     */
    static List<String> tls(ServiceSpec spec, Path data, String publicUrl, boolean plainHttp) {
        Path director = data.resolve("director");
        if (spec.name().equals("cert")) {
            return List.of("--conpaas.public-url=" + publicUrl, "--conpaas.ca.director-dir=" + director);
        }
        if (spec.name().equals("identity")) {
            // single sign-on's callback is <public-url>/api/auth/sso/callback
            return List.of("--conpaas.public-url=" + publicUrl);
        }
        if (!spec.isGateway()) {
            return List.of();
        }
        return plainHttp ? List.of("--conpaas.gateway.tls.enabled=false") : List.of("--conpaas.gateway.tls.director-dir=" + director);
    }

    static String jwksUri(List<ServiceSpec> plan) {
        ServiceSpec identity = plan.stream().filter(s -> s.name().equals("identity")).findFirst().orElseThrow();
        return "http://127.0.0.1:" + identity.port() + "/.well-known/jwks.json";
    }

    /** amqp://host/ and amqp://host are the default virtual host "/", amqp://host/%2Fx is "/x" (the AMQP URI spec). */
    static String virtualHost(URI amqp) {
        String path = amqp.getRawPath();
        return path == null || path.length() <= 1 ? "/" : decode(path.substring(1));
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
