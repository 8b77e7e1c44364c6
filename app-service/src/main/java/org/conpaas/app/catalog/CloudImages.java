package org.conpaas.app.catalog;

import org.conpaas.kit.web.ApiException;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * The clouds services may name and the prepared images each offers, as the operator configured
 * them for provisioning ({@code conpaas.services.default-cloud}, {@code conpaas.services.clouds.<name>.images}).
 */
@ConfigurationProperties("conpaas.services")
public record CloudImages(String defaultCloud, Map<String, Cloud> clouds) {

    public record Cloud(List<String> images) {
        public Cloud {
            images = images == null ? List.of() : List.copyOf(images);
        }
    }

    public CloudImages {
        defaultCloud = defaultCloud == null || defaultCloud.isBlank() ? "local" : defaultCloud;
        clouds = clouds == null || clouds.isEmpty() ? Map.of(defaultCloud, new Cloud(List.of())) : Map.copyOf(clouds);
    }

    /** The cloud a service runs on: the one named, or the default; refuses a name not configured. */
    public String resolve(String cloud) {
        String name = cloud == null || cloud.isBlank() ? defaultCloud : cloud.trim();
        if (!clouds.containsKey(name)) {
            throw ApiException.invalid("cloud must be one of " + clouds.keySet().stream().sorted().toList()
                    + ", not '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'");
        }
        return name;
    }

    public List<String> imagesOf(String cloud) {
        Cloud c = clouds.get(cloud);
        return c == null ? List.of() : c.images();
    }
}
