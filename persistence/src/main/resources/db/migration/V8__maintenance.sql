-- Maintenance mode (a single row, id 1): while active, the API refuses writes with 503
-- maintenance and Retry-After; reads, sign-in and the switch itself keep working. Kept in the
-- database so every node of a cluster sees the same switch (each reads it through a short cache).
-- since: when the current state (on or off) began. changed_by: who switched it last.
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

create table maintenance_state (
    id                  integer                  not null,
    active              boolean                  not null,
    message             varchar(500),
    retry_after_seconds integer                  not null,
    since               timestamp with time zone not null,
    changed_by          varchar(200),
    constraint pk_maintenance_state primary key (id),
    constraint ck_maintenance_state_single check (id = 1),
    constraint ck_maintenance_state_retry check (retry_after_seconds between 1 and 86400)
);
insert into maintenance_state (id, active, message, retry_after_seconds, since, changed_by)
    values (1, false, null, 300, current_timestamp, null);
