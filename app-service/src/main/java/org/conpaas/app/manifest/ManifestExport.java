package org.conpaas.app.manifest;

import org.conpaas.app.service.Releases;
import org.conpaas.app.service.ServiceQueries;
import org.conpaas.app.service.WebRoles;
import org.conpaas.contracts.api.application.ApplicationView;
import org.conpaas.contracts.api.service.ServiceView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifest of an application as it stands: each service's type, cloud, node count (per role
 * when a php or java service's proxies or webs are more than its first node), environment (a
 * secret by name only: its value is never read back), health path and bindings. Code is not in
 * it: cps export downloads each service's code beside the manifest.
 */
@Component
public class ManifestExport {

    private static final Set<String> ACTIVE = Set.of("PLANNED", "REQUESTED", "RUNNING");

    private final ServiceQueries services;

    ManifestExport(ServiceQueries services) {
        this.services = services;
    }

    public Map<String, Object> of(ApplicationView application) {
        ApplicationId appId = ApplicationId.of(application.id());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServiceView listed : services.ofApplication(appId)) {
            services.find(appId, ServiceId.of(listed.id())).ifPresent(s -> list.add(service(s)));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("application", application.name());
        manifest.put("services", list);
        return manifest;
    }

    private static Map<String, Object> service(ServiceView s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("type", s.type());
        if (s.cloud() != null) {
            out.put("cloud", s.cloud());
        }
        List<ServiceView.NodeView> active = s.nodes().stream().filter(n -> ACTIVE.contains(n.state())).toList();
        long proxies = active.stream().filter(n -> n.webRoles().contains("proxy")).count();
        long webs = active.stream().filter(n -> n.webRoles().contains("web")).count();
        if (WebRoles.hosting(s.type()) && (proxies > 1 || webs > 1)) {
            Map<String, Object> byRole = new LinkedHashMap<>();
            byRole.put("proxy", proxies);
            byRole.put("web", webs);
            byRole.put("backend", active.stream().filter(n -> n.webRoles().contains("backend")).count());
            out.put("nodes", byRole);
        } else {
            out.put("nodes", active.size());
        }
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        for (ServiceView.VariableView v : s.environment()) {
            if (v.secret()) {
                secrets.add(v.name());
            } else {
                environment.put(v.name(), v.value());
            }
        }
        if (!environment.isEmpty()) {
            out.put("environment", environment);
        }
        if (!secrets.isEmpty()) {
            out.put("secrets", secrets);
        }
        if (s.release() != null && s.release().healthPath() != null && !"/".equals(s.release().healthPath())) {
            out.put("health", s.release().healthPath());
        }
        if (!s.bindings().isEmpty()) {
            List<Object> bind = new ArrayList<>();
            for (ServiceView.BindingView b : s.bindings()) {
                bind.add(b.database().equals(Releases.defaultDatabase(s.name())) ? b.serviceName()
                        : Map.of("service", b.serviceName(), "database", b.database()));
            }
            out.put("bind", bind);
        }
        return out;
    }
}
