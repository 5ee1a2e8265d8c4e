-- Nothing to do: PostgreSQL reads messages_room_id_idx (room_id, id) backwards for newest-first pages.
-- H2 needs an index of its own for them (db/h2/V2); this keeps both databases at the same version.
SELECT 1;
