-- Reactions to messages: one row per person, message and emoji; a message's reactions are read by its id
-- (the unique key's first column serves that). A deleted message loses its reactions with its text.
-- A message's reacted_at says its reactions changed since it was sent: a client back from away asks for the
-- messages that changed among those it holds, reactions included.
ALTER TABLE messages ADD COLUMN reacted_at TIMESTAMP WITH TIME ZONE;
CREATE SEQUENCE reactions_id_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE reactions (
    id         BIGINT PRIMARY KEY,
    message_id BIGINT      NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    account_id BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    emoji      VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT reactions_unique UNIQUE (message_id, emoji, account_id)
);
