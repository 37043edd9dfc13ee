-- Tag fan counts at 1,000,000 fans: the grouped scan the tags list ran before V5 against the trigger-kept counts, and
-- what the V5 triggers add to a 10,000-fan sync page insert. Run in a scratch database that has the audiences schema
-- migrated up to V4 (before) — the script applies V5 itself between the two halves:
--   psql -v v5=backend/audiences/src/main/resources/db/audiences/V5__tag_fan_counts.sql -f docs/bench/tag-fan-counts.sql
\timing on
set search_path = audiences;
\set acct '''00000000-0000-0000-0000-00000000a001'''
delete from fan where account_id = :acct;
-- 1M fans, 90 % subscribed, 0-4 tags each out of 100 (ids 100..199)
insert into fan (account_id, openid, subscribed, tag_ids, created_at, updated_at)
select :acct, 'o' || lpad(g::text, 9, '0'), g % 10 <> 0,
       case g % 5 when 0 then '{}'::int[] else array(select distinct 100 + ((g::bigint * k * 7919) % 100) from generate_series(1, g % 5) k) end,
       now(), now()
from generate_series(1, 1000000) g;
analyze fan;

\echo '--- before: the grouped scan (three runs)'
select count(*) from (select t.tag_id, count(*) from fan f cross join lateral unnest(f.tag_ids) as t(tag_id)
    where f.account_id = :acct and f.subscribed and f.tag_ids <> '{}' group by t.tag_id) x;
select count(*) from (select t.tag_id, count(*) from fan f cross join lateral unnest(f.tag_ids) as t(tag_id)
    where f.account_id = :acct and f.subscribed and f.tag_ids <> '{}' group by t.tag_id) x;
select count(*) from (select t.tag_id, count(*) from fan f cross join lateral unnest(f.tag_ids) as t(tag_id)
    where f.account_id = :acct and f.subscribed and f.tag_ids <> '{}' group by t.tag_id) x;

\echo '--- a 10,000-fan page upsert without triggers (three runs, rolled back)'
begin;
insert into fan (account_id, openid, subscribed, tag_ids, created_at, updated_at)
select :acct, 'p' || g, true, array[100 + g % 100, 150 + g % 50], now(), now() from generate_series(1, 10000) g;
rollback;
begin;
insert into fan (account_id, openid, subscribed, tag_ids, created_at, updated_at)
select :acct, 'p' || g, true, array[100 + g % 100, 150 + g % 50], now(), now() from generate_series(1, 10000) g;
rollback;
begin;
insert into fan (account_id, openid, subscribed, tag_ids, created_at, updated_at)
select :acct, 'p' || g, true, array[100 + g % 100, 150 + g % 50], now(), now() from generate_series(1, 10000) g;
rollback;
\echo '--- a 10,000-fan page re-listing existing fans (upsert, conflict update), without triggers'
begin;
insert into fan as f (account_id, openid, subscribed, tag_ids, last_sync_run, created_at, updated_at)
select :acct, 'o' || lpad(g::text, 9, '0'), true, array[100 + g % 100], 2, now(), now() from generate_series(200001, 210000) g
on conflict (account_id, openid) do update set last_sync_run = excluded.last_sync_run, subscribed = true, tag_ids = excluded.tag_ids;
rollback;

\echo '--- applying V5 (backfill of the counts included)'
\i :v5
analyze tag_fan_count;

\echo '--- after: the tags list read (three runs)'
select count(*) from (select tag_id, fans from tag_fan_count where account_id = :acct) x;
select count(*) from (select tag_id, fans from tag_fan_count where account_id = :acct) x;
select count(*) from (select tag_id, fans from tag_fan_count where account_id = :acct) x;

\echo '--- a 10,000-fan page insert with the triggers (three runs, rolled back)'
begin;
insert into fan (account_id, openid, subscribed, tag_ids, created_at, updated_at)
select :acct, 'p' || g, true, array[100 + g % 100, 150 + g % 50], now(), now() from generate_series(1, 10000) g;
rollback;
begin;
insert into fan (account_id, openid, subscribed, tag_ids, created_at, updated_at)
select :acct, 'p' || g, true, array[100 + g % 100, 150 + g % 50], now(), now() from generate_series(1, 10000) g;
rollback;
begin;
insert into fan (account_id, openid, subscribed, tag_ids, created_at, updated_at)
select :acct, 'p' || g, true, array[100 + g % 100, 150 + g % 50], now(), now() from generate_series(1, 10000) g;
rollback;
\echo '--- a 10,000-fan page re-listing existing fans (upsert, conflict update), with the triggers'
begin;
insert into fan as f (account_id, openid, subscribed, tag_ids, last_sync_run, created_at, updated_at)
select :acct, 'o' || lpad(g::text, 9, '0'), true, array[100 + g % 100], 2, now(), now() from generate_series(200001, 210000) g
on conflict (account_id, openid) do update set last_sync_run = excluded.last_sync_run, subscribed = true, tag_ids = excluded.tag_ids;
rollback;

\echo '--- exactness: the counts against the grouped scan (expect 0 differing tags)'
select count(*) as differing from (select t.tag_id, count(*) as n from fan f cross join lateral unnest(f.tag_ids) as t(tag_id)
    where f.account_id = :acct and f.subscribed and f.tag_ids <> '{}' group by t.tag_id) s
    full join (select tag_id, fans from tag_fan_count where account_id = :acct) c using (tag_id) where s.n is distinct from c.fans;
