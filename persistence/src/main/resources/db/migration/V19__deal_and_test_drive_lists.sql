-- The console's lists: a dealership's deals newest first (keyset on the id), and its test drives
-- over a period, by start.
create index ix_deal_dealership_id on deal (dealership_id, id);
create index ix_test_drive_dealership_starts on test_drive (dealership_id, starts_at);
