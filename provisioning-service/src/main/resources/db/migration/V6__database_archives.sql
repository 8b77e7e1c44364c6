-- mysql dumps and scheduled backups (archives: gzipped SQL files in conpaas.database.archive-dir, kept
-- by their owner after the service is gone, until deleted or, for backups, past the retention) and
-- the loads of a dump or an archive into a service (imports; an uploaded file waits beside the archives).
CREATE TABLE database_archive (
    id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    service_id     VARCHAR(64)   NOT NULL,
    application_id VARCHAR(64)   NOT NULL,
    owner_id       VARCHAR(64)   NOT NULL,
    kind           VARCHAR(16)   NOT NULL,
    state          VARCHAR(16)   NOT NULL,
    detail         VARCHAR(1024),
    size_bytes     BIGINT,
    sha256         VARCHAR(64),
    node_id        VARCHAR(64),
    requested_at   TIMESTAMPTZ   NOT NULL,
    finished_at    TIMESTAMPTZ
);
CREATE INDEX database_archive_by_service ON database_archive (service_id, requested_at);
CREATE INDEX database_archive_by_owner ON database_archive (owner_id, requested_at);

CREATE TABLE database_import (
    id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    service_id     VARCHAR(64)   NOT NULL,
    archive_id     VARCHAR(64),
    state          VARCHAR(16)   NOT NULL,
    detail         VARCHAR(1024),
    node_id        VARCHAR(64),
    requested_at   TIMESTAMPTZ   NOT NULL,
    finished_at    TIMESTAMPTZ
);
CREATE INDEX database_import_by_service ON database_import (service_id, requested_at);
