-- User administration of local accounts: when an account was disabled, and the instant before
-- which its access tokens are refused (set when it is disabled or its roles or dealerships
-- change; refresh tokens issue new access tokens with the new roles). E-mail addresses are unique
-- (several accounts without one stay allowed: NULLs are distinct on PostgreSQL and H2).

alter table user_account add column disabled_at timestamp with time zone;
alter table user_account add column tokens_not_before timestamp with time zone;
alter table user_account add constraint uq_user_account_email unique (email);
