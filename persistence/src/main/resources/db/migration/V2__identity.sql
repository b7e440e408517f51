-- Identity: local accounts, their roles and dealership assignments, login throttling, refresh
-- token families and the signing keys of Forecourt's own access tokens.

create sequence user_account_seq start with 10 increment by 10;
create sequence refresh_token_seq start with 50 increment by 50;

create table user_account (
    id            bigint       not null,
    username      varchar(100) not null,
    email         varchar(200),
    password_hash varchar(100) not null,
    enabled       boolean      not null,
    created_at    timestamp with time zone not null,
    version       bigint       not null,
    constraint pk_user_account primary key (id),
    constraint uq_user_account_username unique (username)
);

create table user_account_role (
    user_id bigint      not null,
    role    varchar(20) not null,
    constraint pk_user_account_role primary key (user_id, role),
    constraint fk_user_account_role_user foreign key (user_id) references user_account (id) on delete cascade
);

create table user_account_dealership (
    user_id       bigint not null,
    dealership_id bigint not null,
    constraint pk_user_account_dealership primary key (user_id, dealership_id),
    constraint fk_user_account_dealership_user foreign key (user_id) references user_account (id) on delete cascade,
    constraint fk_user_account_dealership_dealership foreign key (dealership_id) references dealership (id)
);

-- Failed logins per (lower-cased) username, whether or not such an account exists: an unknown
-- name is throttled and locked exactly like a known one, so answers never reveal which exist.
create table login_throttle (
    username     varchar(100) not null,
    failures     integer      not null,
    locked_until timestamp with time zone,
    version      bigint       not null,
    constraint pk_login_throttle primary key (username)
);

-- Opaque refresh tokens, stored as SHA-256 hashes. A login starts a family; every refresh rotates
-- the token within it; presenting a rotated (used) token revokes the whole family.
create table refresh_token (
    id          bigint      not null,
    token_hash  varchar(64) not null,
    family_id   varchar(36) not null,
    user_id     bigint      not null,
    issued_at   timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    revoked_at  timestamp with time zone,
    constraint pk_refresh_token primary key (id),
    constraint uq_refresh_token_hash unique (token_hash),
    constraint fk_refresh_token_user foreign key (user_id) references user_account (id) on delete cascade
);
create index ix_refresh_token_family on refresh_token (family_id);

-- RS256 keys of Forecourt's own access tokens. The active one signs; retired ones stay published
-- in the JWKS until retired_at + the overlap, so tokens signed before a rotation stay valid.
create table signing_key (
    kid         varchar(64)  not null,
    private_key varchar(4000) not null,
    public_jwk  varchar(2000) not null,
    created_at  timestamp with time zone not null,
    retired_at  timestamp with time zone,
    constraint pk_signing_key primary key (kid)
);
