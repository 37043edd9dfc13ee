-- Bulk tag/untag jobs: a job names one tag and one action; its items are the openids to (un)tag, each with the
-- source line it came from (uploads) and its outcome; its chunks (up to 50 items, WeChat's batch size) are a kernel
-- work queue (lease, attempts, back-off, dead letter), so a job resumes after a restart where it stopped.

create table tag_job (
    id             uuid         primary key,
    account_id     uuid         not null,
    tag_id         integer      not null,
    tag_name       varchar(64)  not null,
    action         varchar(8)   not null check (action in ('TAG', 'UNTAG')),
    source         varchar(8)   not null check (source in ('OPENIDS', 'FILTER', 'UPLOAD')),
    status         varchar(12)  not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    total          integer      not null default 0,
    done           integer      not null default 0,
    succeeded      integer      not null default 0,
    failed         integer      not null default 0,
    error_code     integer,
    error_message  text,
    started_by     varchar(128),
    started_at     timestamptz  not null,
    finished_at    timestamptz
);
create index tag_job_account_idx on tag_job (account_id, started_at desc, id desc);

-- One row per openid of a job, created in bulk; seq orders the job (and its chunks), line is the upload's line
-- (null for other sources). status PENDING until its chunk is done, then SUCCEEDED or FAILED with WeChat's errcode.
-- No foreign key and no index on openid: a job of a million fans is created in one insert…select, and a per-row
-- foreign-key check would triple its time; items go with their job through the statement-level trigger below.
-- Sources give each openid once (a selection is de-duplicated, uploads mark repeated lines, fans are unique).
create table tag_job_item (
    job_id   uuid         not null,
    seq      integer      not null,
    line     integer,
    openid   varchar(128) not null,
    status   varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    errcode  integer,
    code     varchar(32),
    message  text,
    primary key (job_id, seq)
);
create index tag_job_item_failed_idx on tag_job_item (job_id, seq) where status = 'FAILED';

create function tag_job_items_gone() returns trigger language plpgsql as $$
begin
    delete from audiences.tag_job_item i using gone g where i.job_id = g.id;
    return null;
end $$;
create trigger tag_job_deleted after delete on tag_job referencing old table as gone
    for each statement execute function tag_job_items_gone();

-- The work queue: one row per chunk of consecutive items (seq first_seq..last_seq).
create table tag_job_chunk (
    id                bigserial    primary key,
    job_id            uuid         not null references tag_job (id) on delete cascade,
    account_id        uuid         not null,
    first_seq         integer      not null,
    last_seq          integer      not null,
    done_at           timestamptz,
    attempts          integer      not null default 0,
    lease_until       timestamptz,
    not_before        timestamptz,
    dead_lettered_at  timestamptz,
    last_error        text
);
create index tag_job_chunk_ready_idx on tag_job_chunk (id) where done_at is null and dead_lettered_at is null;
create index tag_job_chunk_job_idx on tag_job_chunk (job_id) where done_at is null and dead_lettered_at is null;
create index tag_job_chunk_account_idx on tag_job_chunk (account_id);
