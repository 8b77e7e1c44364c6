-- mysql (MariaDB Galera): what each node's heartbeats report (whether it is in the cluster's primary
-- component, Galera's word for its state, the cluster's size as it sees it) and, per service, the
-- password of the agents' own account on their servers and an admin password the user set, kept
-- only until a node applied it.
ALTER TABLE node ADD COLUMN db_member BOOLEAN;
ALTER TABLE node ADD COLUMN db_local_state VARCHAR(32);
ALTER TABLE node ADD COLUMN db_cluster_size INTEGER;

CREATE TABLE database_service (
    service_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    agent_password  VARCHAR(128) NOT NULL,
    admin_password  VARCHAR(256),
    admin_serial    BIGINT       NOT NULL DEFAULT 0,
    applied_serial  BIGINT       NOT NULL DEFAULT 0,
    admin_set_at    TIMESTAMPTZ
);
