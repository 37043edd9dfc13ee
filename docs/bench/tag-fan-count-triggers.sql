-- What the V5 tag fan count triggers cost each write, as PostgreSQL reports it ("Trigger …: time=…" of EXPLAIN ANALYZE,
-- separate from the statement's own time, so the figure holds on a busy machine). Run after tag-fan-counts.sql (1M fans
-- and V5 in place); every statement is rolled back.
set search_path = audiences;
\set acct '''00000000-0000-0000-0000-00000000a001'''
\echo '--- a 10,000-fan first sync page (insert, 2 tags each)'
begin;
explain (analyze, costs off, summary on) insert into fan (account_id, openid, subscribed, tag_ids, created_at, updated_at)
select :acct, 'p' || g, true, array[100 + g % 100, 150 + g % 50], now(), now() from generate_series(1, 10000) g;
rollback;
begin;
explain (analyze, costs off, summary on) insert into fan (account_id, openid, subscribed, tag_ids, created_at, updated_at)
select :acct, 'p' || g, true, array[100 + g % 100, 150 + g % 50], now(), now() from generate_series(1, 10000) g;
rollback;
\echo '--- a 10,000-fan sync page re-listing known fans with new tag ids (upsert: conflict update)'
begin;
explain (analyze, costs off, summary on) insert into fan as f (account_id, openid, subscribed, tag_ids, last_sync_run, created_at, updated_at)
select :acct, 'o' || lpad(g::text, 9, '0'), true, array[100 + g % 100], 2, now(), now() from generate_series(200001, 210000) g
on conflict (account_id, openid) do update set last_sync_run = excluded.last_sync_run, subscribed = true, tag_ids = excluded.tag_ids;
rollback;
\echo '--- a 100-fan details page (update, tags unchanged)'
begin;
explain (analyze, costs off, summary on) update fan set remark = 'r', details_synced_at = now()
where account_id = :acct and openid between 'o000300001' and 'o000300100';
rollback;
\echo '--- a 50-fan tag job chunk (array_append)'
begin;
explain (analyze, costs off, summary on) update fan set tag_ids = array_append(tag_ids, 199), updated_at = now()
where account_id = :acct and openid between 'o000400001' and 'o000400050' and not (199 = any(tag_ids));
rollback;
\echo '--- deleting a tag carried by ~45,000 fans (update of every fan that has it)'
begin;
explain (analyze, costs off, summary on) update fan set tag_ids = array_remove(tag_ids, 107) where account_id = :acct and tag_ids && array[107];
rollback;
