-- TOTP second factor (the secret is encrypted at rest by the application, AES-GCM), its one-time
-- recovery codes (SHA-256 hashes), and single-use password reset tokens (SHA-256 hashes).

alter table user_account add column totp_secret varchar(300);
alter table user_account add column totp_enabled boolean default false not null;
alter table user_account add column totp_last_step bigint;

create sequence recovery_code_seq start with 50 increment by 50;
create sequence password_reset_seq start with 50 increment by 50;

create table recovery_code (
    id        bigint      not null,
    user_id   bigint      not null,
    code_hash varchar(64) not null,
    used_at   timestamp with time zone,
    constraint pk_recovery_code primary key (id),
    constraint uq_recovery_code_hash unique (user_id, code_hash),
    constraint fk_recovery_code_user foreign key (user_id) references user_account (id) on delete cascade
);

create table password_reset (
    id         bigint      not null,
    token_hash varchar(64) not null,
    user_id    bigint      not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone,
    constraint pk_password_reset primary key (id),
    constraint uq_password_reset_hash unique (token_hash),
    constraint fk_password_reset_user foreign key (user_id) references user_account (id) on delete cascade
);
create index ix_password_reset_user on password_reset (user_id);
