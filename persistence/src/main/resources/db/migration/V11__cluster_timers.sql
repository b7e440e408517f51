-- EJB timers that fire on one node of a cluster at a time (dev.forecourt.platform.timers): every
-- node keeps its own interval timer; when one fires, the node claims the run by moving next_run_at
-- on (one UPDATE ... WHERE next_run_at <= now: exactly one node wins) and the others skip until
-- then. last_node/last_run_at say who ran it last. Portable between PostgreSQL and H2 in PostgreSQL
-- mode.

create table cluster_timer (
    name        varchar(100)             not null,
    next_run_at timestamp with time zone not null,
    last_node   varchar(200),
    last_run_at timestamp with time zone,
    constraint pk_cluster_timer primary key (name)
);
insert into cluster_timer (name, next_run_at) values ('forecourt-housekeeping', current_timestamp);
insert into cluster_timer (name, next_run_at) values ('forecourt-outbox-relay', current_timestamp);
