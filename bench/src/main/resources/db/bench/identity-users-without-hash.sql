-- identity-service's users read model after its V6 (the password hash moved to the credential
-- table, which the read-model rebuild does not touch); V6 itself also rewrites the event store.
ALTER TABLE users DROP COLUMN password_hash;
