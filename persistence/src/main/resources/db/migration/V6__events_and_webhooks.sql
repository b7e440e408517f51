-- Integration backbone: the transactional outbox of domain events, the events a consumer has
-- processed (de-duplication by event id), webhook subscriptions with their delivery log, inbound
-- messages seen (replay protection), and the external reference of leads from marketplaces.
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

-- written in the same transaction as the change; the relay sends it to JMS and stamps published_at
create table outbox_event (
    id             varchar(36)   not null,
    type           varchar(60)   not null,
    aggregate_type varchar(40)   not null,
    aggregate_id   varchar(60)   not null,
    payload        varchar(8000) not null,
    occurred_at    timestamp with time zone not null,
    claimed_until  timestamp with time zone,
    published_at   timestamp with time zone,
    constraint pk_outbox_event primary key (id)
);
create index ix_outbox_event_pending on outbox_event (published_at, occurred_at);

-- the consumer's record of what it has processed: a redelivered event is recognized by its id
create table processed_event (
    event_id     varchar(36) not null,
    type         varchar(60) not null,
    processed_at timestamp with time zone not null,
    constraint pk_processed_event primary key (event_id)
);

create sequence webhook_subscription_seq start with 50 increment by 50;
create sequence webhook_delivery_seq start with 50 increment by 50;

create table webhook_subscription (
    id          bigint        not null,
    url         varchar(2000) not null,
    event_types varchar(1000) not null,
    description varchar(200),
    secret      varchar(400)  not null,
    active      boolean       not null,
    created_by  varchar(200)  not null,
    created_at  timestamp with time zone not null,
    version     bigint        not null,
    constraint pk_webhook_subscription primary key (id)
);

-- one row per delivery attempt
create table webhook_delivery (
    id              bigint        not null,
    subscription_id bigint        not null,
    event_id        varchar(36)   not null,
    event_type      varchar(60)   not null,
    attempt         integer       not null,
    outcome         varchar(16)   not null,
    status_code     integer,
    error           varchar(500),
    duration_ms     bigint        not null,
    attempted_at    timestamp with time zone not null,
    constraint pk_webhook_delivery primary key (id),
    constraint fk_webhook_delivery_subscription foreign key (subscription_id)
        references webhook_subscription (id) on delete cascade,
    constraint ck_webhook_delivery_outcome check (outcome in ('DELIVERED', 'FAILED', 'DEAD'))
);
create index ix_webhook_delivery_subscription on webhook_delivery (subscription_id, id);

-- inbound signed messages seen, per source: a second message with the same id is a replay
create table inbound_message (
    source      varchar(40)  not null,
    message_id  varchar(100) not null,
    received_at timestamp with time zone not null,
    constraint pk_inbound_message primary key (source, message_id)
);

alter table sales_lead add column external_source varchar(40);
alter table sales_lead add column external_ref varchar(100);
alter table sales_lead add constraint uq_sales_lead_external unique (external_source, external_ref);
