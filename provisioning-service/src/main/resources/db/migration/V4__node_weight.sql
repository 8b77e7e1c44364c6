-- a php/java node's load-balancer weight, as its owner set it (service.node-weight-set)
ALTER TABLE node ADD COLUMN weight INTEGER NOT NULL DEFAULT 1;
