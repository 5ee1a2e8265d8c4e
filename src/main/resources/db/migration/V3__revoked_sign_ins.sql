-- Browser sign-ins that ended (logout): the bearer tokens issued to them stop working. See RevokedSignIns.
CREATE TABLE revoked_sign_ins (
    sign_in     VARCHAR(36) PRIMARY KEY,
    keep_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
