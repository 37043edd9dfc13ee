-- Per-tag counts of the account's subscribed fans, kept exact by statement-level triggers on fan (ADR 0013, "Tag fan
-- counts"): the tags list reads one row per tag instead of unnesting every fan's tag ids (0.8 s at a million fans).
-- Every write path — full sync pages, details, follow/unfollow pushes, bulk tag jobs, tag delete, account delete — is an
-- insert, update or delete on fan, so the triggers see it whichever code wrote. Each trigger reads its statement's
-- transition tables once: a 10,000-fan sync page pays one grouped pass over its own rows, never one per row.
-- A row exists only while its count is positive; account_id lets the account cleanup (AccountData) find the table.
create table tag_fan_count (
    account_id  uuid     not null,
    tag_id      integer  not null,
    fans        bigint   not null,
    primary key (account_id, tag_id)
);

insert into tag_fan_count (account_id, tag_id, fans)
select f.account_id, t.tag_id, count(*) from fan f cross join lateral unnest(f.tag_ids) as t(tag_id)
where f.subscribed and f.tag_ids <> '{}' group by f.account_id, t.tag_id;

-- Applies signed deltas per (account, tag) in one upsert ordered by key, so concurrent writers of one account wait for
-- each other's rows in the same order and never deadlock; then drops the rows the deltas took to zero (or below: only
-- when the account cleanup removed the counts before the fans, and then they go too).
create function tag_fan_count_apply(accounts uuid[], tags integer[], deltas bigint[]) returns void language plpgsql as $$
begin
    if cardinality(accounts) is null or cardinality(accounts) = 0 then
        return;
    end if;
    insert into audiences.tag_fan_count as c (account_id, tag_id, fans)
    select d.a, d.t, d.n from unnest(accounts, tags, deltas) as d(a, t, n) order by d.a, d.t
    on conflict (account_id, tag_id) do update set fans = c.fans + excluded.fans;
    delete from audiences.tag_fan_count c using unnest(accounts, tags, deltas) as d(a, t, n)
    where d.n < 0 and c.account_id = d.a and c.tag_id = d.t and c.fans <= 0;
end $$;

create function tag_fan_counts_inserted() returns trigger language plpgsql as $$
declare
    a uuid[]; t integer[]; n bigint[];
begin
    select array_agg(x.account_id), array_agg(x.tag_id), array_agg(x.n) into a, t, n
    from (select r.account_id, g.tag_id, count(*) as n from added r cross join lateral unnest(r.tag_ids) as g(tag_id)
          where r.subscribed and r.tag_ids <> '{}' group by r.account_id, g.tag_id) x;
    perform audiences.tag_fan_count_apply(a, t, n);
    return null;
end $$;

create function tag_fan_counts_deleted() returns trigger language plpgsql as $$
declare
    a uuid[]; t integer[]; n bigint[];
begin
    select array_agg(x.account_id), array_agg(x.tag_id), array_agg(x.n) into a, t, n
    from (select r.account_id, g.tag_id, -count(*) as n from gone r cross join lateral unnest(r.tag_ids) as g(tag_id)
          where r.subscribed and r.tag_ids <> '{}' group by r.account_id, g.tag_id) x;
    perform audiences.tag_fan_count_apply(a, t, n);
    return null;
end $$;

-- An update counts what its rows carried before as -1 and after as +1; only the differences are applied (an update
-- that leaves tag_ids and subscribed alone — details of untagged fans, interactions, remarks — adds nothing).
create function tag_fan_counts_updated() returns trigger language plpgsql as $$
declare
    a uuid[]; t integer[]; n bigint[];
begin
    select array_agg(x.account_id), array_agg(x.tag_id), array_agg(x.n) into a, t, n
    from (select r.account_id, g.tag_id, sum(r.sign) as n
          from (select account_id, tag_ids, 1 as sign from after_rows where subscribed and tag_ids <> '{}'
                union all select account_id, tag_ids, -1 from before_rows where subscribed and tag_ids <> '{}') r
          cross join lateral unnest(r.tag_ids) as g(tag_id)
          group by r.account_id, g.tag_id having sum(r.sign) <> 0) x;
    perform audiences.tag_fan_count_apply(a, t, n);
    return null;
end $$;

create trigger fan_tag_counts_inserted after insert on fan referencing new table as added
    for each statement execute function tag_fan_counts_inserted();
create trigger fan_tag_counts_updated after update on fan referencing old table as before_rows new table as after_rows
    for each statement execute function tag_fan_counts_updated();
create trigger fan_tag_counts_deleted after delete on fan referencing old table as gone
    for each statement execute function tag_fan_counts_deleted();
