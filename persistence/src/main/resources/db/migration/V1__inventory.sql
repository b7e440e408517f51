-- Inventory: dealerships (rooftops), vehicles, price history, valuations.
-- Portable between PostgreSQL (production, tests) and H2 in PostgreSQL mode (run command).

-- Sequences start at their increment (= the JPA allocationSize): the providers take a value as the
-- top of a block of ids, so the first block is 1..increment; EclipseLink rejects a first value
-- below its allocation size.
create sequence dealership_seq start with 10 increment by 10;
create sequence vehicle_seq start with 50 increment by 50;
create sequence price_change_seq start with 50 increment by 50;
create sequence valuation_seq start with 50 increment by 50;

create table dealership (
    id          bigint       not null,
    code        varchar(20)  not null,
    name        varchar(200) not null,
    street      varchar(200),
    city        varchar(100) not null,
    postal_code varchar(20),
    country     varchar(2)   not null,
    time_zone   varchar(64)  not null,
    version     bigint       not null,
    constraint pk_dealership primary key (id),
    constraint uq_dealership_code unique (code)
);

create table vehicle (
    id             bigint         not null,
    vin            varchar(17)    not null,
    make           varchar(60)    not null,
    model          varchar(60)    not null,
    trim_level     varchar(60),
    model_year     integer        not null,
    colour         varchar(40),
    mileage        integer        not null,
    price_amount   numeric(12, 2) not null,
    price_currency varchar(3)     not null,
    status         varchar(16)    not null,
    dealership_id  bigint         not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    version        bigint         not null,
    constraint pk_vehicle primary key (id),
    constraint uq_vehicle_vin unique (vin),
    constraint fk_vehicle_dealership foreign key (dealership_id) references dealership (id),
    constraint ck_vehicle_status check (status in ('AVAILABLE', 'RESERVED', 'SOLD')),
    constraint ck_vehicle_mileage check (mileage >= 0),
    constraint ck_vehicle_price check (price_amount >= 0)
);

-- one index per filter, and one per keyset order (sort column, id)
create index ix_vehicle_make_model on vehicle (make, model);
create index ix_vehicle_model on vehicle (model);
create index ix_vehicle_status on vehicle (status);
create index ix_vehicle_dealership on vehicle (dealership_id);
create index ix_vehicle_created_id on vehicle (created_at, id);
create index ix_vehicle_price_id on vehicle (price_amount, id);
create index ix_vehicle_year_id on vehicle (model_year, id);
create index ix_vehicle_mileage_id on vehicle (mileage, id);

create table price_change (
    id           bigint         not null,
    vehicle_id   bigint         not null,
    old_amount   numeric(12, 2),
    old_currency varchar(3),
    new_amount   numeric(12, 2) not null,
    new_currency varchar(3)     not null,
    changed_at   timestamp with time zone not null,
    constraint pk_price_change primary key (id),
    constraint fk_price_change_vehicle foreign key (vehicle_id) references vehicle (id) on delete cascade
);
create index ix_price_change_vehicle on price_change (vehicle_id, changed_at);

create table valuation (
    id         bigint         not null,
    vehicle_id bigint         not null,
    amount     numeric(12, 2) not null,
    currency   varchar(3)     not null,
    valued_at  timestamp with time zone not null,
    constraint pk_valuation primary key (id),
    constraint fk_valuation_vehicle foreign key (vehicle_id) references vehicle (id) on delete cascade
);
create index ix_valuation_vehicle on valuation (vehicle_id, valued_at);
