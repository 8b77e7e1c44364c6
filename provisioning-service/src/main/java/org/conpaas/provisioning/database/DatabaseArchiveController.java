package org.conpaas.provisioning.database;

import jakarta.servlet.http.HttpServletRequest;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.conpaas.provisioning.access.ServiceOwnership;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

/**
 * A mysql service's dumps, backups, loads and restores, for its owner or an administrator:
 * {@code POST …/mysql/dumps} asks a node for a dump (an archive), {@code GET …/mysql/archives} lists
 * the service's dumps and scheduled backups, {@code PUT …/mysql/load} loads an SQL file (plain or
 * gzipped) into the database, {@code POST …/mysql/restore {"from": ARCHIVE}} loads an archive of any
 * of the caller's services (a dropped one's too), {@code GET …/mysql/imports/{id}} follows a load.
 * {@code /api/database-archives} lists the caller's archives, gives one's file and deletes one.
 */
@RestController
class DatabaseArchiveController {

    record Restore(String from) {
    }

    private final MysqlAccess access;
    private final DatabaseArchives archives;
    private final DatabaseImports imports;
    private final ArchiveFiles files;
    private final Clock clock = Clock.systemUTC();

    DatabaseArchiveController(MysqlAccess access, DatabaseArchives archives, DatabaseImports imports, ArchiveFiles files) {
        this.access = access;
        this.archives = archives;
        this.imports = imports;
        this.files = files;
    }

    @PostMapping("/api/apps/{app}/services/{svc}/mysql/dumps")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DatabaseArchives.Archive dump(@PathVariable String app, @PathVariable String svc, CurrentUser caller) {
        ServiceOwnership.OwnedService service = mysql(app, svc, caller);
        return archives.request(svc, app, service.ownerId(), DatabaseArchives.DUMP, clock.instant());
    }

    @GetMapping("/api/apps/{app}/services/{svc}/mysql/archives")
    List<DatabaseArchives.Archive> archives(@PathVariable String app, @PathVariable String svc, CurrentUser caller) {
        mysql(app, svc, caller);
        return archives.ofService(svc);
    }

    @PutMapping("/api/apps/{app}/services/{svc}/mysql/load")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DatabaseImports.Import load(@PathVariable String app, @PathVariable String svc, HttpServletRequest request, CurrentUser caller)
            throws IOException {
        mysql(app, svc, caller);
        String contentType = request.getContentType();
        if (contentType != null && contentType.strip().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "send the SQL file itself as the request body (curl --data-binary @dump.sql), not as a multipart form");
        }
        String id = imports.newId();
        ArchiveFiles.Stored stored;
        try {
            stored = files.store(request.getInputStream(), files.upload(id));
        } catch (ArchiveFiles.TooLarge e) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", e.getMessage());
        }
        if (stored.size() == 0) {
            files.delete(files.upload(id));
            throw ApiException.invalid("the SQL file is empty: send a dump (plain or gzipped) as the request body");
        }
        return imports.request(id, svc, null, clock.instant());
    }

    @PostMapping("/api/apps/{app}/services/{svc}/mysql/restore")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DatabaseImports.Import restore(@PathVariable String app, @PathVariable String svc, @RequestBody(required = false) Restore restore,
                                   CurrentUser caller) {
        mysql(app, svc, caller);
        if (restore == null || restore.from() == null || restore.from().isBlank()) {
            throw ApiException.invalid("from is required: the id of a dump or backup (GET /api/database-archives)");
        }
        DatabaseArchives.Archive archive = owned(restore.from().strip(), caller);
        if (!"DONE".equals(archive.state())) {
            throw ApiException.conflict("archive " + archive.id() + " is " + archive.state() + ": only a made archive can be restored");
        }
        return imports.request(imports.newId(), svc, archive.id(), clock.instant());
    }

    @GetMapping("/api/apps/{app}/services/{svc}/mysql/imports/{id}")
    DatabaseImports.Import importOf(@PathVariable String app, @PathVariable String svc, @PathVariable String id, CurrentUser caller) {
        mysql(app, svc, caller);
        return imports.find(id).filter(i -> i.serviceId().equals(svc))
                .orElseThrow(() -> ApiException.notFound("no load " + clip(id) + " into this service"));
    }

    @GetMapping("/api/database-archives")
    List<DatabaseArchives.Archive> mine(CurrentUser caller) {
        return caller.isAdmin() ? archives.all() : archives.ownedBy(caller.id().value());
    }

    @GetMapping("/api/database-archives/{id}")
    DatabaseArchives.Archive archive(@PathVariable String id, CurrentUser caller) {
        return owned(id, caller);
    }

    @GetMapping("/api/database-archives/{id}/file")
    ResponseEntity<FileSystemResource> file(@PathVariable String id, CurrentUser caller) {
        DatabaseArchives.Archive archive = owned(id, caller);
        if (!"DONE".equals(archive.state()) || !Files.isRegularFile(files.archive(id))) {
            throw ApiException.conflict("archive " + id + " is " + archive.state() + ": it has no file yet");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/gzip"))
                .header("X-Archive-Checksum", "sha256=" + archive.sha256())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + archive.kind() + "-" + id + ".sql.gz\"")
                .body(new FileSystemResource(files.archive(id)));
    }

    @DeleteMapping("/api/database-archives/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, CurrentUser caller) {
        owned(id, caller);
        archives.delete(id);
        return ResponseEntity.noContent().build();
    }

    private DatabaseArchives.Archive owned(String id, CurrentUser caller) {
        return archives.find(id).filter(a -> caller.mayActFor(UserId.of(a.ownerId())))
                .orElseThrow(() -> ApiException.notFound("no archive " + clip(id) + " of yours"));
    }

    private ServiceOwnership.OwnedService mysql(String app, String svc, CurrentUser caller) {
        return access.check(app, svc, caller);
    }

    private static String clip(String s) {
        return MysqlAccess.clip(s);
    }
}
