-- A full sync writes every fan once per index: at a million fans the indexes, not the rows, are its cost. Three of
-- V1's indexes get an entry for every fan a sync inserts although they only serve fans that have something:
-- - the subscribe-time and last-interaction orders: the lists walk fans WITH the instant through these (newest
--   first) and the fans without it by openid — through the primary key — so they need only the fans with the instant
--   (a sync inserts fans without either; details enrichment and pushes set them later);
-- - the fans still waiting for details: the enrichment walks the primary key in openid order and skips fans with
--   details instead (one pass over the account per run; right after a sync every fan is waiting).
-- Measured on a 200,000-fan page-by-page load in openid order: 5.9 s of PostgreSQL CPU with these, 3.3 s without.
drop index fan_subscribed_at_idx;
drop index fan_last_interaction_idx;
drop index fan_details_pending_idx;
create index fan_subscribed_at_idx on fan (account_id, subscribed_at desc, openid) where subscribed_at is not null;
create index fan_last_interaction_idx on fan (account_id, last_interaction_at desc, openid) where last_interaction_at is not null;
