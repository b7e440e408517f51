-- API keys of integrators: a public prefix (the key's id in logs and lists) and the SHA-256 hash of
-- its secret; a rotation keeps the previous hash valid until previous_valid_until.
create sequence api_key_seq start with 10 increment by 10;

create table api_key (
    id                   bigint       not null,
    prefix               varchar(16)  not null,
    name                 varchar(100) not null,
    secret_hash          varchar(64)  not null,
    previous_secret_hash varchar(64),
    previous_valid_until timestamp with time zone,
    scopes               varchar(200) not null,
    dealerships          varchar(200) not null,
    created_by           varchar(100) not null,
    created_at           timestamp with time zone not null,
    expires_at           timestamp with time zone,
    revoked_at           timestamp with time zone,
    last_used_at         timestamp with time zone,
    version              bigint       not null,
    constraint pk_api_key primary key (id),
    constraint uq_api_key_prefix unique (prefix)
);
