package org.conpaas.provisioning.cloud.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * A local node's environment: an allow-list, never the platform's own. provisioning-service holds
 * database and broker passwords and the gateway's proof secret in its environment; a child would
 * inherit them all, and tenant code runs under the node agent.
 */
final class NodeEnvironment {

    static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    static void allowListed(Map<String, String> environment, Path home) {
        String lang = environment.getOrDefault("LANG", "C.UTF-8");
        String timeZone = environment.get("TZ");
        environment.clear();
        environment.put("PATH", PATH);
        environment.put("HOME", home.toString());
        environment.put("LANG", lang.matches("[A-Za-z0-9_.@-]{1,40}") ? lang : "C.UTF-8");
        if (timeZone != null && timeZone.matches("[A-Za-z0-9_+/:-]{1,60}")) {
            environment.put("TZ", timeZone);
        }
    }

    private NodeEnvironment() {
    }
}
