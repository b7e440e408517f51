-- An audit record's entity id holds up to 200 characters (was 40): the name of a forecourt.* key
-- changed at runtime (V16) is one, and e.g. forecourt.rate-limit.anonymous.per-minute has 41; a
-- logger's name (log levels) up to 200 too. Widening keeps every stored value and hash.
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

alter table audit_record alter column entity_id set data type varchar(200);
