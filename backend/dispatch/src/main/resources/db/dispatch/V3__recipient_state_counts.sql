-- Recipients by (job, state), kept exact by statement-level triggers, so progress and Dispatch.counts read a handful of
-- rows instead of grouping a job's recipient rows (100,000 of them: ~105 ms of PostgreSQL time here; from here: ~0.1 ms,
-- DispatchProgressIT). Cost measured here: +11 ms per 10,000-row insert (~+15 %), about +0.5 ms per
-- 200-row result write. Each statement that
-- inserts, updates or deletes recipients appends its net change per (job, state) as new rows — appends only, so
-- concurrent writers never wait for each other here; a job's count is the sum of its rows. Readers fold a job's rows
-- into one per state now and then (delete … returning, re-insert the sums: exact under concurrent appends).
create table recipient_count (
    job_id  uuid        not null,
    state   varchar(14) not null,
    n       bigint      not null
);
create index recipient_count_job_idx on recipient_count (job_id);

insert into recipient_count (job_id, state, n) select job_id, state, count(*) from recipient group by job_id, state;

create function recipient_counted_insert() returns trigger language plpgsql as $$
begin
    insert into dispatch.recipient_count (job_id, state, n) select job_id, state, count(*) from added group by job_id, state;
    return null;
end $$;
create trigger recipient_counted_insert after insert on recipient referencing new table as added
    for each statement execute function recipient_counted_insert();

-- statements that change no state (a claim's lease, a report's status text) append nothing
create function recipient_counted_update() returns trigger language plpgsql as $$
begin
    insert into dispatch.recipient_count (job_id, state, n)
    select job_id, state, sum(d) from (select job_id, state, -1 as d from before_rows union all select job_id, state, 1 from after_rows) x
    group by job_id, state having sum(d) <> 0;
    return null;
end $$;
create trigger recipient_counted_update after update on recipient referencing old table as before_rows new table as after_rows
    for each statement execute function recipient_counted_update();

-- a deleted job's recipients go with it (V1's trigger job_deleted), and so do its counts
create function job_counts_gone() returns trigger language plpgsql as $$
begin
    delete from dispatch.recipient_count c using gone g where c.job_id = g.id;
    return null;
end $$;
create trigger job_deleted_counts after delete on job referencing old table as gone
    for each statement execute function job_counts_gone();

create function recipient_counted_delete() returns trigger language plpgsql as $$
begin
    insert into dispatch.recipient_count (job_id, state, n)
    select r.job_id, r.state, -count(*) from removed r where exists (select 1 from dispatch.job j where j.id = r.job_id) group by r.job_id, r.state;
    return null;
end $$;
create trigger recipient_counted_delete after delete on recipient referencing old table as removed
    for each statement execute function recipient_counted_delete();

-- Every job state change (a job_event row) is announced on the kernel's cluster channel (ADR 0012: 'topic:key', here
-- 'dispatch-job:<account id>/<job id>'), delivered to every node at commit: live job lists on any node hear of it.
create function job_event_announced() returns trigger language plpgsql as $$
begin
    perform pg_notify('fanmail_changes', 'dispatch-job:' || x.account_id || '/' || x.job_id) from (select distinct account_id, job_id from added) x;
    return null;
end $$;
create trigger job_event_announced after insert on job_event referencing new table as added
    for each statement execute function job_event_announced();
