package org.conpaas.nutshell;

import java.net.URI;
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
            // the one port meant for clients
            args.add("--server.address=0.0.0.0");
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
            args.add("--spring.rabbitmq.host=" + amqp.getHost());
            args.add("--spring.rabbitmq.port=" + (amqp.getPort() < 0 ? 5672 : amqp.getPort()));
            String[] credentials = amqp.getRawUserInfo() == null
                    ? new String[]{DEFAULT_AMQP_USER, DEFAULT_AMQP_USER} : amqp.getRawUserInfo().split(":", 2);
            args.add("--spring.rabbitmq.username=" + decode(credentials[0]));
            env.put("SPRING_RABBITMQ_PASSWORD", credentials.length > 1 ? decode(credentials[1]) : "");
            args.add("--spring.rabbitmq.virtual-host=" + virtualHost(amqp));
            args.add("--conpaas.bus.exchange=" + exchange);
        }
        args.add("--conpaas.security.jwks-uri=" + jwksUri(plan));
        if (spec.name().equals("identity")) {
            env.put("CONPAAS_IDENTITY_ADMIN_PASSWORD", adminPassword);
        }
        args.addAll(extra);
        return new ServiceSettings(List.copyOf(args), Map.copyOf(env));
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
