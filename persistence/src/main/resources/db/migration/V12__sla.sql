-- The SLA monitor (dev.forecourt.platform.sla): each node's API answers per minute, for the 30-day
-- error budget over the whole cluster (purged after 31 days), and the incidents: an objective
-- breached on a node from started_at until ended_at (null while open). Portable between
-- PostgreSQL and H2 in PostgreSQL mode.

create table sla_minute (
    id       varchar(240)             not null,
    node     varchar(200)             not null,
    minute_start timestamp with time zone not null,
    requests bigint                   not null,
    errors   bigint                   not null,
    slow     bigint                   not null,
    constraint pk_sla_minute primary key (id)
);
create index ix_sla_minute_start on sla_minute (minute_start);

create table sla_incident (
    id                varchar(36)              not null,
    objective         varchar(40)              not null,
    node              varchar(200)             not null,
    window_seconds    bigint                   not null,
    threshold         double precision         not null,
    measured          double precision         not null,
    started_at        timestamp with time zone not null,
    ended_at          timestamp with time zone,
    recovered_measure double precision,
    constraint pk_sla_incident primary key (id)
);
create index ix_sla_incident_started on sla_incident (started_at);
