-- A service being removed (stopping first), and an application being deleted (its services
-- being removed first): both stay visible, marked, until they are gone.
ALTER TABLE service ADD COLUMN removing BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE application ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'ACTIVE';
CREATE INDEX application_deleting ON application (state) WHERE state <> 'ACTIVE';
