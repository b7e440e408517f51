-- forecourt.* keys set by admins at runtime (PUT /api/v1/admin/settings/{key}): kept in the database
-- so that every node of a cluster applies them (each reads this table every few seconds, through
-- the application's config source of the highest ordinal) and they survive a restart. A row is a
-- value set through the API; deleting it gives the server's configuration back. A secret's value is
-- stored encrypted (AES-256-GCM under forecourt.secrets.key, bound to the key's name).
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

create table runtime_setting (
    setting_key   varchar(200)             not null,
    setting_value varchar(4000)            not null,
    changed_by    varchar(200)             not null,
    changed_at    timestamp with time zone not null,
    constraint pk_runtime_setting primary key (setting_key)
);
