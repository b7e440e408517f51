-- User administration of local accounts: when an account was disabled, and its token generation:
-- access tokens carry the generation they were issued in (claim "gen"), and those of an older one
-- are refused. It is raised when the account is disabled or its roles or dealerships change
-- (tokens_changed_at says when; refresh tokens issue access tokens of the new generation).
-- E-mail addresses are unique (several accounts without one stay allowed: NULLs are distinct on
-- PostgreSQL and H2). Portable between PostgreSQL and H2 in PostgreSQL mode.

alter table user_account add column disabled_at timestamp with time zone;
alter table user_account add column token_generation bigint default 0 not null;
alter table user_account add column tokens_changed_at timestamp with time zone;
alter table user_account add constraint uq_user_account_email unique (email);
