-- A message may answer another of its room: reply_to is the one it answers. Messages are never removed (a
-- deletion leaves a tombstone), so the reference always holds.
ALTER TABLE messages ADD COLUMN reply_to BIGINT;
ALTER TABLE messages ADD CONSTRAINT messages_reply_to_fk FOREIGN KEY (reply_to) REFERENCES messages (id);
