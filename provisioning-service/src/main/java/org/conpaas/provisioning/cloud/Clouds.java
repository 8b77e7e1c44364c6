package org.conpaas.provisioning.cloud;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clouds this deployment provisions on, built at start-up from
 * {@code conpaas.clouds.definitions.<name>.driver} and that cloud's settings, plus
 * {@code conpaas.clouds.default}. Without any definition there is one cloud, {@code local}. Every
 * wrong or missing setting of every cloud is reported together, by name, and the service does
 * not start.
 */
@Component
public class Clouds {

    private static final Logger log = LoggerFactory.getLogger(Clouds.class);

    private final Map<String, CloudDriver> drivers = new LinkedHashMap<>();
    private final Map<String, String> kinds = new LinkedHashMap<>();
    private final String defaultCloud;

    public Clouds(Environment environment, List<CloudDriverFactory> factories) {
        Binder binder = Binder.get(environment);
        Bindable<Map<String, Map<String, String>>> shape = Bindable.of(ResolvableType.forClassWithGenerics(Map.class,
                ResolvableType.forClass(String.class), ResolvableType.forClassWithGenerics(Map.class, String.class, String.class)));
        Map<String, Map<String, String>> definitions = new TreeMap<>(binder.bind("conpaas.clouds.definitions", shape).orElse(Map.of()));
        if (definitions.isEmpty()) {
            definitions.put("local", Map.of("driver", "local"));
        }
        String deployment = environment.getProperty("conpaas.clouds.deployment", "conpaas");
        defaultCloud = environment.getProperty("conpaas.clouds.default", definitions.keySet().iterator().next());
        List<String> problems = new ArrayList<>();
        if (!definitions.containsKey(defaultCloud)) {
            problems.add("conpaas.clouds.default is '" + defaultCloud + "' but the clouds defined are " + definitions.keySet());
        }
        definitions.forEach((name, settings) -> {
            String driver = settings.get("driver");
            var factory = factories.stream().filter(f -> f.driver().equals(driver)).findFirst();
            if (factory.isEmpty()) {
                problems.add("cloud '" + name + "': driver must be one of "
                        + factories.stream().map(CloudDriverFactory::driver).sorted().toList() + ", not '" + driver + "'");
                return;
            }
            Map<String, String> rest = new LinkedHashMap<>(settings);
            rest.remove("driver");
            try {
                drivers.put(name, factory.get().create(name, deployment, rest));
                kinds.put(name, driver);
            } catch (InvalidCloudSettingsException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new CloudConfigurationException(problems);
        }
        log.info("clouds: {} (default {})", kinds, defaultCloud);
    }

    public String defaultCloud() {
        return defaultCloud;
    }

    /** The cloud named, or the default for null; throws IllegalArgumentException naming the known ones. */
    public String resolve(String name) {
        String cloud = name == null || name.isBlank() ? defaultCloud : name;
        if (!drivers.containsKey(cloud)) {
            throw new IllegalArgumentException("no cloud '" + cloud + "'; clouds are " + drivers.keySet());
        }
        return cloud;
    }

    public CloudDriver driver(String name) {
        return drivers.get(resolve(name));
    }

    public Map<String, CloudDriver> all() {
        return Map.copyOf(drivers);
    }

    public String kindOf(String name) {
        return kinds.get(name);
    }
}
