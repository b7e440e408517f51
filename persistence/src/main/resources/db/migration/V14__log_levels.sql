-- Log levels set by admins at runtime (PUT /api/v1/admin/log-levels/{logger}): kept in the
-- database so that every node of a cluster applies them (each reads this table every few seconds)
-- and they survive a restart or a redeployment. A row is an override; deleting it restores the
-- level the server's logging configuration gives.
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

create table log_level (
    logger     varchar(200)             not null,
    level      varchar(10)              not null,
    changed_by varchar(200)             not null,
    changed_at timestamp with time zone not null,
    constraint pk_log_level primary key (logger)
);
