-- A direct conversation is a private room of exactly two people, found by the pair: direct_low is the
-- smaller account id, direct_high the larger, so the pair has one spelling and its unique constraint stops
-- two tabs from opening two conversations between the same people. It has no name; clients show the other
-- person. Other rooms leave both columns NULL (never equal to each other under a unique constraint).
ALTER TABLE rooms ALTER COLUMN name DROP NOT NULL;
ALTER TABLE rooms ADD COLUMN direct_low BIGINT;
ALTER TABLE rooms ADD COLUMN direct_high BIGINT;
ALTER TABLE rooms ADD CONSTRAINT rooms_direct_low_fk FOREIGN KEY (direct_low) REFERENCES accounts (id);
ALTER TABLE rooms ADD CONSTRAINT rooms_direct_high_fk FOREIGN KEY (direct_high) REFERENCES accounts (id);
ALTER TABLE rooms ADD CONSTRAINT rooms_direct_pair_unique UNIQUE (direct_low, direct_high);
