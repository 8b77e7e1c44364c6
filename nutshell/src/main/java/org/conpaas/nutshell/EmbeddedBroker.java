package org.conpaas.nutshell;

import org.apache.qpid.server.SystemLauncher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An AMQP 0-9-1 broker (Qpid Broker-J) inside the nutshell's JVM, bound to 127.0.0.1, keeping its
 * configuration and messages under the data directory (Derby store), so queued integration events
 * survive a restart. Qpid registers a shutdown hook of its own; the nutshell closes the broker
 * before the JVM exits, after the services.
 */
final class EmbeddedBroker implements AutoCloseable {

    static final String USER = "conpaas";

    private final SystemLauncher launcher = new SystemLauncher();
    private final int port;
    private final String password;

    private EmbeddedBroker(int port, String password) {
        this.port = port;
        this.password = password;
    }

    static EmbeddedBroker start(Path workDir, int port, String password) throws Exception {
        Files.createDirectories(workDir);
        // Derby writes derby.log into the working directory unless told otherwise
        System.setProperty("derby.stream.error.file", workDir.resolve("derby.log").toString());
        EmbeddedBroker broker = new EmbeddedBroker(port, password);
        Map<String, Object> context = new HashMap<>();
        context.put("qpid.amqp_port", String.valueOf(port));
        context.put("qpid.work_dir", workDir.toString());
        context.put("conpaas.amqp.user", USER);
        context.put("conpaas.amqp.password", password);
        // the rabbit binder declares queues with x-dead-letter-exchange: log what Qpid does not know
        context.put("queue.behaviourOnUnknownDeclareArgument", "LOG");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "JSON");
        attributes.put("storePath", workDir.resolve("config.json").toString());
        // Qpid's own "classpath:" URLs do not resolve inside an executable jar: hand it files
        Path config = workDir.resolve("initial-config.json");
        try (var in = EmbeddedBroker.class.getResourceAsStream("/nutshell-broker.json")) {
            Files.write(config, in.readAllBytes());
        }
        Path systemProperties = workDir.resolve("system.properties");
        if (!Files.exists(systemProperties)) {
            Files.writeString(systemProperties, "# system properties for the embedded broker\n");
        }
        attributes.put("initialConfigurationLocation", config.toUri().toString());
        attributes.put("initialSystemPropertiesLocation", systemProperties.toUri().toString());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", context);
        broker.launcher.startup(attributes);
        return broker;
    }

    int port() {
        return port;
    }

    String url() {
        return "amqp://" + USER + ":" + password + "@127.0.0.1:" + port + "/";
    }

    @Override
    public void close() {
        launcher.shutdown();
    }
}
