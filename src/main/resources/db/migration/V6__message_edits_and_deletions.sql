-- A message's author may edit it, and its author or an administrator delete it. A deleted message stays
-- as a tombstone with its text emptied, so ids, read marks and history pages around it stay as they were,
-- and a page that held it learns from the history that it is gone.
ALTER TABLE messages ADD COLUMN edited_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE messages ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
