-- Parley chat schema, version 1. Written in the SQL that H2 2.x and PostgreSQL 15 both accept,
-- with unquoted names so each database folds them its own way and JPA finds them on both.
-- Ids come from sequences, not identity columns: EclipseLink 4.0 reads identity values with
-- H2 1.x's IDENTITY() function, which H2 2.x no longer has; sequences work alike on every
-- provider and database. They step by 1 so ids follow insertion order (history paging).

CREATE SEQUENCE accounts_id_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE rooms_id_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE memberships_id_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE messages_id_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE accounts (
    id            BIGINT PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,
    display_name  VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(512) NOT NULL,
    is_admin      BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT accounts_username_unique UNIQUE (username)
);

CREATE TABLE rooms (
    id          BIGINT PRIMARY KEY,
    name        VARCHAR(64) NOT NULL,
    is_private  BOOLEAN     NOT NULL DEFAULT FALSE,
    created_by  BIGINT REFERENCES accounts (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT rooms_name_unique UNIQUE (name)
);

CREATE TABLE memberships (
    id                   BIGINT PRIMARY KEY,
    room_id              BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    account_id           BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- The id of the last message this member has read; NULL = has read nothing yet.
    last_read_message_id BIGINT,
    joined_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT memberships_room_account_unique UNIQUE (room_id, account_id)
);

CREATE INDEX memberships_account_idx ON memberships (account_id);

CREATE TABLE messages (
    id            BIGINT PRIMARY KEY,
    room_id       BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    author_id     BIGINT NOT NULL REFERENCES accounts (id),
    body          VARCHAR NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The sender's own id for the message: a retry with the same one is the same message.
    client_msg_id VARCHAR(100),
    CONSTRAINT messages_author_client_msg_unique UNIQUE (author_id, client_msg_id)
);

-- History paging walks one room by id in both directions.
CREATE INDEX messages_room_id_idx ON messages (room_id, id);
