-- A CRL supersedes every earlier one: only the newest is kept (RevocationList drops the older
-- ones each time it signs). Installations that kept every CRL signed shed them here.
DELETE FROM crl WHERE number < (SELECT max(number) FROM crl);
COMMENT ON TABLE crl IS 'The newest signed CRL (older ones are deleted when a new one is signed)';
