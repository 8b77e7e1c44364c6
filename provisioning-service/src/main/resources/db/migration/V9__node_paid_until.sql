-- Until when a running node is paid for: the watchdog bills only the nodes whose period is over,
-- instead of asking every running node's aggregate every round. Nodes that ran before this column
-- (NULL) are asked each round until their next billing sets it.
ALTER TABLE node ADD COLUMN paid_until TIMESTAMPTZ;
CREATE INDEX node_billing_due ON node (paid_until) WHERE state = 'RUNNING';
