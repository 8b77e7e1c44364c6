package org.conpaas.app.service;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.app.catalog.ServiceCatalog;
import org.conpaas.app.service.api.RecordCodeUploadedCommand;
import org.conpaas.contracts.api.service.ServiceView;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;

/**
 * {@code PUT …/code}: the owner uploads a new version of a web or generic service's code (a zip
 * or tar.gz as the raw body with any Content-Type but a multipart form, streamed, checksummed and
 * read through before it is kept); its nodes fetch it on their next heartbeat.
 * {@code GET …/code[?version=N]}: the enabled version (or version N, if kept), with
 * {@code X-Code-Checksum: sha256=…}, for the owner or for the service's own nodes (their node
 * certificate, mutual TLS).
 */
@RestController
@RequestMapping("/api/apps/{app}/services/{svc}/code")
class ServiceCodeController {

    record UploadedCode(int version, String sha256, long size) {
    }

    private final ServiceAccess access;
    private final ServiceCatalog catalog;
    private final CodeArchives archives;
    private final CommandGateway commands;

    ServiceCodeController(ServiceAccess access, ServiceCatalog catalog, CodeArchives archives, CommandGateway commands) {
        this.access = access;
        this.catalog = catalog;
        this.archives = archives;
        this.commands = commands;
    }

    @PutMapping
    ResponseEntity<UploadedCode> upload(@PathVariable String app, @PathVariable String svc, HttpServletRequest request,
                                        CurrentUser caller) throws IOException {
        ServiceView service = access.service(app, svc, caller);
        refuseForms(request.getContentType());
        if (!catalog.find(service.type()).map(e -> e.codeUpload()).orElse(false)) {
            throw ApiException.invalid("a " + service.type() + " service takes no code upload");
        }
        ServiceId id = ServiceId.of(service.id());
        int version = service.codeVersion() + 1;
        CodeArchives.Stored stored = archives.store(id, version, request.getInputStream());
        try {
            commands.sendAndWait(new RecordCodeUploadedCommand(id, version, stored.sha256(), stored.size()));
        } catch (RuntimeException e) {
            archives.discard(id, version);
            throw e;
        }
        return ResponseEntity.created(URI.create(request.getRequestURI())).body(new UploadedCode(version, stored.sha256(), stored.size()));
    }

    /** The archive is the body itself, whatever its Content-Type says; a multipart form would hide it. */
    private static void refuseForms(String contentType) {
        if (contentType != null && contentType.strip().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            throw new ApiException(org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "send the code archive itself as the request body (curl --data-binary @code.zip), not as a multipart form"
                            + " (curl -F)");
        }
    }

    @GetMapping
    ResponseEntity<FileSystemResource> download(@PathVariable String app, @PathVariable String svc,
                                                @org.springframework.web.bind.annotation.RequestParam(required = false) String version,
                                                org.springframework.security.core.Authentication authentication) {
        ServiceView service = authentication.getPrincipal() instanceof org.conpaas.kit.security.CurrentNode node
                ? access.serviceOfNode(app, svc, node)
                : access.service(app, svc, org.conpaas.kit.security.CurrentUserArgumentResolver.of(authentication));
        if (service.codeVersion() == 0) {
            throw ApiException.notFound("no code was uploaded for this service");
        }
        int wanted = version == null ? (service.release() == null ? service.codeVersion() : service.release().codeVersion())
                : parseVersion(version);
        ServiceView.CodeVersionView kept = service.codeVersions().stream().filter(v -> v.version() == wanted).findFirst()
                .orElseThrow(() -> ApiException.notFound("the service keeps no code version " + wanted));
        if (!Files.isRegularFile(archives.file(ServiceId.of(service.id()), wanted))) {
            throw ApiException.notFound("the service keeps no code version " + wanted);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("X-Code-Checksum", "sha256=" + kept.sha256())
                .header("X-Code-Version", Integer.toString(wanted))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"code-v" + wanted + ".archive\"")
                .body(new FileSystemResource(archives.file(ServiceId.of(service.id()), wanted)));
    }

    private static int parseVersion(String version) {
        try {
            int v = Integer.parseInt(version.strip());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.invalid("version must be a code version number, 1 or more, not '"
                + (version.length() > 20 ? version.substring(0, 20) + "…" : version) + "'");
    }
}
