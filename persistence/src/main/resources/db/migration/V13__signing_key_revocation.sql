-- A signing key revoked (believed compromised) is published no more from revoked_at on: the tokens
-- it signed are refused at once, without the overlap a rotation gives.
alter table signing_key add column revoked_at timestamp with time zone;
