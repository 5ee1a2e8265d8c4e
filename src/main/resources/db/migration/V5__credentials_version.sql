-- Counts an account's password changes: every token names the count it was issued under, so a change
-- ends the tokens issued before it, on every instance and after a restart. See AccessTokens.
ALTER TABLE accounts ADD COLUMN credentials_version INTEGER DEFAULT 0 NOT NULL;
