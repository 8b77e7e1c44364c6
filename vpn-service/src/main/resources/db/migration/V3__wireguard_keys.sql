-- A node's WireGuard public key and endpoint (its private key stays on the node).
ALTER TABLE vpn_address ADD COLUMN public_key VARCHAR(44);
ALTER TABLE vpn_address ADD COLUMN endpoint VARCHAR(300);
