-- Autoscaling of php/java services (AutoscalingSet) and where its rule stands (streaks, last change).
CREATE TABLE service_autoscaling (
    service_id   UUID        NOT NULL PRIMARY KEY REFERENCES service (id) ON DELETE CASCADE,
    target_ms    INTEGER     NOT NULL,
    min_backends INTEGER     NOT NULL,
    max_backends INTEGER     NOT NULL,
    above        INTEGER     NOT NULL DEFAULT 0,
    below        INTEGER     NOT NULL DEFAULT 0,
    last_change  TIMESTAMPTZ
);
ALTER TABLE service ADD COLUMN last_p95_ms DOUBLE PRECISION;
ALTER TABLE service ADD COLUMN last_request_rate DOUBLE PRECISION;

-- a php/java node's load-balancer weight (NodeWeightSet)
ALTER TABLE service_node ADD COLUMN weight INTEGER NOT NULL DEFAULT 1;
