-- Sales: customers, leads (the funnel) with their activities, test drives, deals; the responses
-- remembered for Idempotency-Key; the tamper-evident audit trail (a hash chain).
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

create sequence customer_seq start with 50 increment by 50;
create sequence sales_lead_seq start with 50 increment by 50;
create sequence lead_activity_seq start with 50 increment by 50;
create sequence test_drive_seq start with 50 increment by 50;
create sequence deal_seq start with 50 increment by 50;

create table customer (
    id                bigint       not null,
    first_name        varchar(100) not null,
    last_name         varchar(100) not null,
    email             varchar(200),
    phone             varchar(40),
    consent_marketing boolean      not null,
    consent_contact   boolean      not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    erased_at         timestamp with time zone,
    version           bigint       not null,
    constraint pk_customer primary key (id)
);
create index ix_customer_email on customer (email);

-- "lead" alone is a function name in SQL; the table is sales_lead
create table sales_lead (
    id            bigint       not null,
    customer_id   bigint       not null,
    dealership_id bigint       not null,
    vehicle_id    bigint,
    source        varchar(16)  not null,
    status        varchar(16)  not null,
    lost_reason   varchar(200),
    assigned_to   varchar(100),
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    version       bigint       not null,
    constraint pk_sales_lead primary key (id),
    constraint fk_sales_lead_customer foreign key (customer_id) references customer (id),
    constraint fk_sales_lead_dealership foreign key (dealership_id) references dealership (id),
    constraint fk_sales_lead_vehicle foreign key (vehicle_id) references vehicle (id) on delete set null,
    constraint ck_sales_lead_source check (source in ('WEBSITE', 'MARKETPLACE', 'WALK_IN', 'PHONE')),
    constraint ck_sales_lead_status check (status in
        ('NEW', 'CONTACTED', 'QUALIFIED', 'TEST_DRIVE', 'NEGOTIATION', 'WON', 'LOST'))
);
create index ix_sales_lead_dealership_status on sales_lead (dealership_id, status);
create index ix_sales_lead_customer on sales_lead (customer_id);

create table lead_activity (
    id          bigint        not null,
    lead_id     bigint        not null,
    kind        varchar(16)   not null,
    note        varchar(2000),
    actor       varchar(200)  not null,
    occurred_at timestamp with time zone not null,
    constraint pk_lead_activity primary key (id),
    constraint fk_lead_activity_lead foreign key (lead_id) references sales_lead (id),
    constraint ck_lead_activity_kind check (kind in ('CALL', 'EMAIL', 'NOTE'))
);
create index ix_lead_activity_lead on lead_activity (lead_id, occurred_at);

create table test_drive (
    id            bigint       not null,
    lead_id       bigint       not null,
    vehicle_id    bigint       not null,
    dealership_id bigint       not null,
    salesperson   varchar(100) not null,
    starts_at     timestamp with time zone not null,
    ends_at       timestamp with time zone not null,
    status        varchar(16)  not null,
    created_at    timestamp with time zone not null,
    version       bigint       not null,
    constraint pk_test_drive primary key (id),
    constraint fk_test_drive_lead foreign key (lead_id) references sales_lead (id),
    constraint fk_test_drive_vehicle foreign key (vehicle_id) references vehicle (id),
    constraint fk_test_drive_dealership foreign key (dealership_id) references dealership (id),
    constraint ck_test_drive_status check (status in ('SCHEDULED', 'CANCELLED')),
    constraint ck_test_drive_period check (ends_at > starts_at)
);
create index ix_test_drive_vehicle on test_drive (vehicle_id, starts_at);
create index ix_test_drive_salesperson on test_drive (salesperson, starts_at);

create table deal (
    id               bigint         not null,
    lead_id          bigint         not null,
    vehicle_id       bigint         not null,
    dealership_id    bigint         not null,
    salesperson      varchar(100)   not null,
    status           varchar(16)    not null,
    price_amount     numeric(12, 2) not null,
    price_currency   varchar(3)     not null,
    trade_in_amount  numeric(12, 2),
    financed         boolean        not null,
    created_at       timestamp with time zone not null,
    closed_at        timestamp with time zone,
    version          bigint         not null,
    constraint pk_deal primary key (id),
    constraint fk_deal_lead foreign key (lead_id) references sales_lead (id),
    constraint fk_deal_vehicle foreign key (vehicle_id) references vehicle (id),
    constraint fk_deal_dealership foreign key (dealership_id) references dealership (id),
    constraint ck_deal_status check (status in ('RESERVED', 'CLOSED', 'CANCELLED')),
    constraint ck_deal_price check (price_amount >= 0),
    constraint ck_deal_trade_in check (trade_in_amount is null or trade_in_amount >= 0)
);
create index ix_deal_vehicle on deal (vehicle_id);
create index ix_deal_dealership_closed on deal (dealership_id, closed_at);

-- The answer to a POST sent with an Idempotency-Key, per caller: a retry with the same key and
-- body gets it again instead of a second lead or deal.
create table idempotency_record (
    caller          varchar(200) not null,
    idempotency_key varchar(100) not null,
    operation       varchar(100) not null,
    request_hash    varchar(64)  not null,
    response        text         not null,
    created_at      timestamp with time zone not null,
    constraint pk_idempotency_record primary key (caller, idempotency_key)
);
create index ix_idempotency_record_created on idempotency_record (created_at);

-- The audit trail: one row per state-changing call (successful or not). Each row's hash covers its
-- content and the previous row's hash, so an altered, inserted or deleted row breaks the chain.
create table audit_record (
    seq_no         bigint        not null,
    occurred_at    timestamp with time zone not null,
    subject        varchar(200)  not null,
    roles          varchar(200)  not null,
    api_key        varchar(32),
    entity_type    varchar(40)   not null,
    entity_id      varchar(40),
    action         varchar(40)   not null,
    changes        varchar(4000) not null,
    client_ip      varchar(64),
    correlation_id varchar(64),
    outcome        varchar(16)   not null,
    error          varchar(100),
    prev_hash      varchar(64)   not null,
    hash           varchar(64)   not null,
    constraint pk_audit_record primary key (seq_no),
    constraint ck_audit_record_outcome check (outcome in ('SUCCESS', 'FAILURE'))
);
create index ix_audit_record_occurred on audit_record (occurred_at);
create index ix_audit_record_entity on audit_record (entity_type, entity_id);

-- The head of the chain (one row, locked by each append: appends form one line across a cluster)
-- and the checkpoint left by retention: the last purged record's number and hash.
create table audit_chain (
    id              integer     not null,
    last_seq        bigint      not null,
    last_hash       varchar(64) not null,
    checkpoint_seq  bigint      not null,
    checkpoint_hash varchar(64) not null,
    constraint pk_audit_chain primary key (id)
);
insert into audit_chain (id, last_seq, last_hash, checkpoint_seq, checkpoint_hash) values
    (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
     0, '0000000000000000000000000000000000000000000000000000000000000000');
