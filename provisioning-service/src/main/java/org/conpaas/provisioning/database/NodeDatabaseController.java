package org.conpaas.provisioning.database;

import jakarta.servlet.http.HttpServletRequest;
import org.conpaas.kit.security.CurrentNode;
import org.conpaas.kit.web.ApiException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;

/**
 * The node side of dumps and loads, over mutual TLS with the node's certificate: the node the
 * heartbeat answer named uploads the archive it made ({@code PUT /api/nodes/{id}/database-archives/{archive}},
 * gzipped SQL) or says why it could not ({@code POST …/failure}); it fetches a load
 * ({@code GET /api/nodes/{id}/database-imports/{import}}) and reports how it went ({@code POST …/result}).
 * A node may only act for itself and on its own service's archives and loads.
 */
@RestController
class NodeDatabaseController {

    record Failure(String reason) {
    }

    record Result(Boolean ok, String detail) {
    }

    private final DatabaseArchives archives;
    private final DatabaseImports imports;
    private final ArchiveFiles files;
    private final Clock clock = Clock.systemUTC();

    NodeDatabaseController(DatabaseArchives archives, DatabaseImports imports, ArchiveFiles files) {
        this.archives = archives;
        this.imports = imports;
        this.files = files;
    }

    @PutMapping("/api/nodes/{id}/database-archives/{archive}")
    ResponseEntity<Void> upload(@PathVariable String id, @PathVariable String archive, HttpServletRequest request, CurrentNode node)
            throws IOException {
        DatabaseArchives.Archive wanted = requested(id, archive, node);
        ArchiveFiles.Stored stored;
        try {
            stored = files.store(request.getInputStream(), files.archive(wanted.id()));
        } catch (ArchiveFiles.TooLarge e) {
            archives.failed(wanted.id(), id, e.getMessage(), clock.instant());
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", e.getMessage());
        }
        archives.stored(wanted.id(), id, stored, clock.instant());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/nodes/{id}/database-archives/{archive}/failure")
    ResponseEntity<Void> failed(@PathVariable String id, @PathVariable String archive, @RequestBody(required = false) Failure failure,
                                CurrentNode node) {
        DatabaseArchives.Archive wanted = requested(id, archive, node);
        archives.failed(wanted.id(), id, failure == null || failure.reason() == null ? "the node gave no reason" : failure.reason(),
                clock.instant());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/nodes/{id}/database-imports/{load}")
    ResponseEntity<FileSystemResource> load(@PathVariable String id, @PathVariable String load, CurrentNode node) {
        DatabaseImports.Import wanted = requestedImport(id, load, node);
        if (!Files.isRegularFile(imports.file(wanted))) {
            imports.finished(wanted.id(), id, false, "its file is gone (the archive was deleted)", clock.instant());
            throw ApiException.notFound("load " + load + " has no file");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(new FileSystemResource(imports.file(wanted)));
    }

    @PostMapping("/api/nodes/{id}/database-imports/{load}/result")
    ResponseEntity<Void> loaded(@PathVariable String id, @PathVariable String load, @RequestBody(required = false) Result result,
                                CurrentNode node) {
        DatabaseImports.Import wanted = requestedImport(id, load, node);
        if (result == null || result.ok() == null) {
            throw ApiException.invalid("ok is required: whether the load ran to its end");
        }
        imports.finished(wanted.id(), id, result.ok(), result.detail(), clock.instant());
        return ResponseEntity.noContent().build();
    }

    private DatabaseArchives.Archive requested(String id, String archive, CurrentNode node) {
        itself(id, node);
        return archives.find(archive).filter(a -> a.serviceId().equals(node.serviceId().value()) && "REQUESTED".equals(a.state()))
                .orElseThrow(() -> ApiException.notFound("no archive " + MysqlAccess.clip(archive) + " waits for this node's service"));
    }

    private DatabaseImports.Import requestedImport(String id, String load, CurrentNode node) {
        itself(id, node);
        return imports.find(load).filter(i -> i.serviceId().equals(node.serviceId().value()) && "REQUESTED".equals(i.state()))
                .orElseThrow(() -> ApiException.notFound("no load " + MysqlAccess.clip(load) + " waits for this node's service"));
    }

    private static void itself(String id, CurrentNode node) {
        if (!node.nodeId().value().equals(id)) {
            throw ApiException.forbidden("a node may only act for itself (its certificate names " + node.nodeId() + ")");
        }
    }
}
