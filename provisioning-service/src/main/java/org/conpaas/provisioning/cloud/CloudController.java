package org.conpaas.provisioning.cloud;

import org.conpaas.kit.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * GET /api/clouds: the clouds, their driver, which is the default, and whether each answers now.
 * Only administrators read a cloud's own health detail (node counts, endpoints, accounts); other
 * users learn whether it is available, nothing platform-wide.
 */
@RestController
class CloudController {

    record CloudView(String name, String driver, boolean isDefault, boolean up, String detail) {
    }

    private final Clouds clouds;

    CloudController(Clouds clouds) {
        this.clouds = clouds;
    }

    @GetMapping("/api/clouds")
    List<CloudView> list(CurrentUser caller) {
        return clouds.all().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).map(e -> {
            CloudHealth health;
            try {
                health = e.getValue().health();
            } catch (CloudException failed) {
                health = CloudHealth.down(failed.getMessage());
            }
            String detail = caller.isAdmin() ? health.detail() : health.up() ? "available" : "not available now";
            return new CloudView(e.getKey(), clouds.kindOf(e.getKey()), e.getKey().equals(clouds.defaultCloud()), health.up(), detail);
        }).toList();
    }
}
