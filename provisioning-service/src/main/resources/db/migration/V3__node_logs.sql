-- The lines nodes' logs gained, as their heartbeats carry them (service.log and the runtimes' logs),
-- for cps service logs --follow and the dashboard. Bounded per node; removed with the service.
CREATE TABLE node_log (
    id         BIGSERIAL    NOT NULL PRIMARY KEY,
    node_id    VARCHAR(64)  NOT NULL,
    service_id VARCHAR(64)  NOT NULL,
    at         TIMESTAMPTZ  NOT NULL,
    source     VARCHAR(32)  NOT NULL,
    line       TEXT         NOT NULL
);
CREATE INDEX node_log_by_service ON node_log (service_id, id);
CREATE INDEX node_log_by_node ON node_log (node_id, id);
