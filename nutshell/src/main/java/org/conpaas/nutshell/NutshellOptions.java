package org.conpaas.nutshell;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code ./conpaas up|down|status}, checked before anything starts. */
record NutshellOptions(String command, int port, int servicePorts, Path dataDir, String dbUrl, String dbUser,
                       String dbPassword, String dbPrefix, URI amqpUrl, String exchange, Path repo, List<String> extra,
                       int pgPort, int amqpPort, Duration startupTimeout, String publicHost, boolean plainHttp,
                       String nodes, String nodeSubnet, String nodeImage) {

    /** The URL users and nodes reach the gateway at. */
    String publicUrl() {
        String host = publicHost.contains(":") ? "[" + publicHost + "]" : publicHost;
        return (plainHttp ? "http://" : "https://") + host + ":" + port;
    }

    static final int DEFAULT_PG_PORT = 54329;
    static final int DEFAULT_AMQP_PORT = 56729;

    static final String USAGE = """
            usage: conpaas up|down|status [options]
              --port N            the gateway's port (default 8080)
              --service-ports N   services listen on N+1..N+5, the gateway's health on N (default 18080)
              --data-dir DIR      where data, logs and the admin password live (default ~/.conpaas/nutshell)
              --db-url URL        use this PostgreSQL (jdbc:postgresql://host:port/db) instead of the embedded one
              --db-user U, --db-password P   its credentials (default postgres, empty)
              --db-prefix P       prefix of the per-service databases (default conpaas_)
              --pg-port N         the embedded PostgreSQL's port on 127.0.0.1 (default 54329)
              --amqp-url URL      use this AMQP broker (amqp://user:pass@host:port/vhost) instead of the embedded one
              --amqp-port N       the embedded AMQP broker's port on 127.0.0.1 (default 56729)
              --startup-timeout S seconds every service has to become healthy (default 240)
              --exchange NAME     the integration-event exchange (default conpaas.events)
              --repo DIR          the ConPaaS checkout whose jars to run (default: found from this jar)
              --public-host H     the host name or IP address users and nodes reach this machine by; the
                                  gateway's certificate is issued for it (default 127.0.0.1)
              --plain-http        serve plain HTTP instead of HTTPS (no mutual TLS: nodes cannot heartbeat)
              --nodes docker|local  the default cloud: containers of the node image on this machine's
                                  Docker engine (cloud docker, beside local), or local processes only
                                  (default: docker when an engine answers and the image exists, else local)
              --node-subnet CIDR  the container nodes' bridge network (default 10.213.0.0/24; the gateway is
                                  called at its first address)
              --node-image IMAGE  the container nodes' image (default conpaas/node:latest, or
                                  $CONPAAS_NODE_IMAGE:latest as deploy/node-image/build names it)
              --set key=value     pass a setting to every service (repeatable)""";

    static NutshellOptions parse(String[] args) {
        if (args.length == 0) {
            throw new UsageException("say what to do: up, down or status");
        }
        String command = args[0];
        if (!List.of("up", "down", "status", "help").contains(command)) {
            throw new UsageException("unknown command '" + command + "': use up, down or status");
        }
        int port = 8080;
        int servicePorts = 18080;
        Path dataDir = Path.of(System.getProperty("user.home"), ".conpaas", "nutshell");
        String dbUrl = null;
        String dbUser = "postgres";
        String dbPassword = "";
        String dbPrefix = "conpaas_";
        URI amqpUrl = null;
        String exchange = "conpaas.events";
        Path repo = null;
        List<String> extra = new ArrayList<>();
        int pgPort = DEFAULT_PG_PORT;
        int amqpPort = DEFAULT_AMQP_PORT;
        Duration startupTimeout = Duration.ofSeconds(240);
        String publicHost = "127.0.0.1";
        boolean plainHttp = false;
        String nodes = null;
        String nodeSubnet = DEFAULT_NODE_SUBNET;
        String nodeImage = defaultNodeImage(System.getenv("CONPAAS_NODE_IMAGE"));
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--plain-http")) {
                plainHttp = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new UsageException(option.startsWith("--") ? option + " needs a value" : "unexpected '" + option + "'");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = port(option, value);
                case "--service-ports" -> servicePorts = port(option, value);
                case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath();
                case "--db-url" -> dbUrl = jdbc(value);
                case "--db-user" -> dbUser = value;
                case "--db-password" -> dbPassword = value;
                case "--db-prefix" -> dbPrefix = identifier(option, value);
                case "--amqp-url" -> amqpUrl = amqp(value);
                case "--exchange" -> {
                    if (!value.matches("[A-Za-z0-9._-]{1,100}")) {
                        throw new UsageException("--exchange takes letters, digits, '.', '_' and '-', was '" + value + "'");
                    }
                    exchange = value;
                }
                case "--pg-port" -> pgPort = port(option, value);
                case "--amqp-port" -> amqpPort = port(option, value);
                case "--startup-timeout" -> startupTimeout = seconds(option, value);
                case "--repo" -> repo = Path.of(value).toAbsolutePath();
                case "--public-host" -> {
                    if (!value.matches("[A-Za-z0-9.:-]{1,253}")) {
                        throw new UsageException("--public-host takes a host name or IP address, was '" + value + "'");
                    }
                    publicHost = value;
                }
                case "--nodes" -> {
                    if (!value.equals("docker") && !value.equals("local")) {
                        throw new UsageException("--nodes takes docker or local, was '" + value + "'");
                    }
                    nodes = value;
                }
                case "--node-subnet" -> nodeSubnet = subnet(value);
                case "--node-image" -> {
                    if (!value.matches("[a-z0-9]+([._/-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?")) {
                        throw new UsageException("--node-image takes an image name like conpaas/node:latest, was '" + value + "'");
                    }
                    nodeImage = value;
                }
                case "--set" -> {
                    if (!value.matches("[A-Za-z0-9._\\-\\[\\]]+=.*")) {
                        throw new UsageException("--set takes key=value, was '" + value + "'");
                    }
                    extra.add("--" + value);
                }
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        if (servicePorts + 5 >= 65536) {
            throw new UsageException("--service-ports " + servicePorts + " leaves no room for five ports above it");
        }
        checkNoCollision("--port", port, servicePorts);
        if (dbUrl == null) {
            checkNoCollision("--pg-port", pgPort, servicePorts);
        }
        if (amqpUrl == null) {
            checkNoCollision("--amqp-port", amqpPort, servicePorts);
        }
        List<Integer> own = new ArrayList<>(List.of(port));
        if (dbUrl == null) {
            own.add(pgPort);
        }
        if (amqpUrl == null) {
            own.add(amqpPort);
        }
        if (own.stream().distinct().count() != own.size()) {
            throw new UsageException("--port, --pg-port and --amqp-port must differ, were " + own);
        }
        return new NutshellOptions(command, port, servicePorts, dataDir, dbUrl, dbUser, dbPassword, dbPrefix, amqpUrl,
                exchange, repo, List.copyOf(extra), pgPort, amqpPort, startupTimeout, publicHost, plainHttp, nodes, nodeSubnet,
                nodeImage);
    }

    static final String DEFAULT_NODE_SUBNET = "10.213.0.0/24";

    /** conpaas/node:latest, or the repository deploy/node-image/build was told with CONPAAS_NODE_IMAGE. */
    static String defaultNodeImage(String repository) {
        return (repository == null || repository.isBlank() ? "conpaas/node" : repository.strip()) + ":latest";
    }

    /** A private IPv4 network a.b.c.d/16..28 with no host bits set. */
    private static String subnet(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})")
                .matcher(value);
        String problem = "--node-subnet takes a private IPv4 network like 10.213.0.0/24 (/16 to /28), was '" + value + "'";
        if (!m.matches()) {
            throw new UsageException(problem);
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new UsageException(problem);
            }
            address = address << 8 | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        boolean isPrivate = (address >>> 24) == 10 || (address >>> 20) == 0xAC1 || (address >>> 16) == 0xC0A8;
        if (prefix < 16 || prefix > 28 || !isPrivate) {
            throw new UsageException(problem);
        }
        if ((address & ((1L << (32 - prefix)) - 1)) != 0) {
            throw new UsageException("--node-subnet " + value + " has host bits set: use " + format(address & ~((1L << (32 - prefix)) - 1))
                    + "/" + prefix);
        }
        return value;
    }

    /** The first address of {@code subnet}: the bridge's gateway. */
    static String firstAddress(String subnet) {
        String[] parts = subnet.substring(0, subnet.indexOf('/')).split("\\.");
        long address = 0;
        for (String part : parts) {
            address = address << 8 | Integer.parseInt(part);
        }
        return format(address + 1);
    }

    private static String format(long address) {
        return (address >>> 24 & 255) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }

    private static void checkNoCollision(String option, int port, int servicePorts) {
        if (port >= servicePorts && port <= servicePorts + 5) {
            throw new UsageException(option + " " + port + " collides with the service ports " + servicePorts + ".."
                    + (servicePorts + 5));
        }
    }

    private static Duration seconds(String option, String value) {
        try {
            long s = Long.parseLong(value);
            if (s >= 10 && s <= 3600) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " takes seconds, 10..3600, was '" + value + "'");
    }

    private static int port(String option, String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a port number 1..65535, was '" + value + "'");
    }

    private static String jdbc(String value) {
        if (!value.startsWith("jdbc:postgresql://")) {
            throw new UsageException("--db-url must look like jdbc:postgresql://host:5432/postgres, was '" + value + "'");
        }
        return value;
    }

    private static URI amqp(String value) {
        try {
            URI uri = URI.create(value);
            if (!"amqp".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--amqp-url must look like amqp://user:pass@host:5672/, was '" + value + "'");
        }
    }

    private static String identifier(String option, String value) {
        if (!value.matches("[a-z0-9_]{0,40}")) {
            throw new UsageException(option + " takes lower-case letters, digits and _ (at most 40), was '" + value + "'");
        }
        return value;
    }

    /** A mistake in the command line: one line saying what to fix, exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
