-- Every heartbeat updates its node's row (time, agent state). Room left free on each page lets
-- PostgreSQL put the new row version beside the old one (a heap-only update: no index is touched).
ALTER TABLE node SET (fillfactor = 70);
