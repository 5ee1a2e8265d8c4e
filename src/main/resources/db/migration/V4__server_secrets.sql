-- Secrets the server makes itself when none is configured, kept so that they outlive a restart and are the
-- same for every instance on this database. See StoredTokenSecret.
CREATE TABLE server_secrets (
    name    VARCHAR(64) PRIMARY KEY,
    secret  VARCHAR(128) NOT NULL
);
