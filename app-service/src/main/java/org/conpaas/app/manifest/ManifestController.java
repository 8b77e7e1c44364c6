package org.conpaas.app.manifest;

import org.conpaas.app.application.ApplicationAccess;
import org.conpaas.contracts.api.application.ApplicationView;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/apps/{app}/manifest}: the application as a manifest. {@code PUT} with a manifest
 * (YAML, or JSON with {@code Content-Type: application/json}) makes the application match it and
 * answers what it did: {@code steps} (nothing when it matched), {@code notes}, and {@code pending}
 * when a service must settle before the rest (push again then). {@code ?dryRun=true} only plans;
 * {@code ?scale=false} leaves the nodes alone (cps uploads code between two pushes).
 */
@RestController
@RequestMapping("/api/apps/{app}/manifest")
class ManifestController {

    /** What a push did. */
    record Result(boolean changed, List<String> steps, List<String> notes, boolean pending, boolean dryRun) {
    }

    private final ApplicationAccess applications;
    private final ManifestPlanner planner;
    private final ManifestExport export;

    ManifestController(ApplicationAccess applications, ManifestPlanner planner, ManifestExport export) {
        this.applications = applications;
        this.planner = planner;
        this.export = export;
    }

    @GetMapping
    Map<String, Object> show(@PathVariable String app, CurrentUser caller) {
        return export.of(applications.visible(app, caller));
    }

    @PutMapping(consumes = MediaType.ALL_VALUE)
    Result push(@PathVariable String app, @RequestBody(required = false) String body,
                @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                @RequestParam(name = "dryRun", defaultValue = "false") String dryRun,
                @RequestParam(name = "scale", defaultValue = "true") String scale, CurrentUser caller) {
        ApplicationView application = applications.visible(app, caller);
        boolean json = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
        List<String> problems = new java.util.ArrayList<>();
        Manifest manifest = ManifestReader.read(body, json, problems);
        ManifestPlanner.Plan plan = planner.plan(application, manifest, flag("scale", scale), problems);
        boolean onlyPlan = flag("dryRun", dryRun);
        if (!onlyPlan) {
            planner.apply(plan);
        }
        return new Result(!plan.steps().isEmpty(), plan.steps().stream().map(ManifestPlanner.Step::description).toList(), plan.notes(),
                plan.pending(), onlyPlan);
    }

    private static boolean flag(String name, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw ApiException.invalid(name + " must be true or false");
    }
}
