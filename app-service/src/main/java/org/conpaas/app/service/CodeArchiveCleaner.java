package org.conpaas.app.service;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.conpaas.app.service.api.CodeVersionsPruned;
import org.conpaas.app.service.api.ServiceRemoved;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Deletes the archives of pruned code versions and of removed services once their events are
 * committed (a tracking processor: a failed deletion is tried again, a rolled-back command deletes
 * nothing).
 */
@Component
@ProcessingGroup(CodeArchiveCleaner.GROUP)
class CodeArchiveCleaner {

    static final String GROUP = "code-archive-cleaner";

    private final CodeArchives archives;

    CodeArchiveCleaner(CodeArchives archives) {
        this.archives = archives;
    }

    @EventHandler
    void on(CodeVersionsPruned e) {
        e.versions().forEach(version -> archives.discard(e.serviceId(), version));
    }

    @EventHandler
    void on(ServiceRemoved e) throws IOException {
        archives.discardAll(e.serviceId());
    }
}
