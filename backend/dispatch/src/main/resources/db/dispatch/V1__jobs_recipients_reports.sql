-- Dispatch: send jobs, every state change of a job, one row per recipient (the send work queue), delivery reports
-- that arrived before their SENT row, and the delivery-report cursor. Other modules' rows are referred to by id only.

create table job (
    id            uuid         primary key,
    account_id    uuid         not null,
    kind          varchar(16)  not null check (kind in ('TEMPLATE', 'CUSTOMER_SERVICE', 'MASS')),
    state         varchar(12)  not null check (state in ('DRAFT', 'PLANNED', 'QUEUED', 'SENDING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED')),
    -- what is sent: for TEMPLATE {templateId, url?, miniProgram?{appId, pagePath}, fields{key: {source, text?|column?}}}
    content       jsonb        not null,
    -- who: the audience selector as given, and the snapshot's counts (total, reachable, excluded by reason)
    audience      jsonb        not null,
    plan          jsonb        not null default '{}',
    snapshot_id   uuid,
    total         integer      not null default 0,
    batch_size    integer      not null,
    paused_until  timestamptz,
    pause_reason  varchar(16)  check (pause_reason in ('OPERATOR', 'DAILY_QUOTA')),
    failure       text,
    created_by    varchar(128) not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    started_at    timestamptz,
    finished_at   timestamptz
);
create index job_account_idx on job (account_id, created_at desc, id desc);
create index job_active_idx on job (state, id) where state in ('QUEUED', 'SENDING', 'PAUSED');

-- Who moved a job from which state to which, when and why (actor 'system' for the engine's own moves).
create table job_event (
    id          bigserial    primary key,
    job_id      uuid         not null references job (id) on delete cascade,
    account_id  uuid         not null,
    at          timestamptz  not null,
    actor       varchar(128) not null,
    from_state  varchar(12),
    to_state    varchar(12)  not null,
    reason      text
);
create index job_event_job_idx on job_event (job_id, id);
create index job_event_account_idx on job_event (account_id);

-- One row per recipient, created in bulk (unnest, one statement per snapshot chunk) with the values that differ per
-- recipient (fixed texts stay in the job's content). No account_id: the job has it (a deleted account's jobs take their
-- recipients along through the trigger below), and each index here costs every bulk insert and every state change. The
-- row is the kernel work queue's unit: lease_until / not_before / attempts / done_at / dead_lettered_at / last_error.
-- first_attempt_at is when this row's client_msg_id was first (possibly) used: resends inside WeChat's 10-minute
-- window reuse the key; later ones become IN_DOUBT. msgid is kept as text (it exceeds 2^53); report_status verbatim.
-- No foreign key to job (a per-row check would slow the bulk insert); rows go with their job via the trigger below.
create table recipient (
    id                bigint       generated always as identity primary key,
    job_id            uuid         not null,
    seq               bigint       not null,
    openid            varchar(128) not null,
    state             varchar(14)  not null check (state in ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'USER_BLOCKED', 'SYSTEM_FAILED',
                                                             'FAILED', 'SKIPPED', 'IN_DOUBT')),
    rendered          jsonb        not null,
    skip_reason       varchar(32),
    attempts          integer      not null default 0,
    first_attempt_at  timestamptz,
    last_attempt_at   timestamptz,
    sent_at           timestamptz,
    msgid             text,
    errcode           integer,
    errmsg            text,
    report_status     text,
    reported_at       timestamptz,
    done_at           timestamptz,
    lease_until       timestamptz,
    not_before        timestamptz,
    dead_lettered_at  timestamptz,
    last_error        text
);
create unique index recipient_job_seq_idx on recipient (job_id, seq);
-- claiming: one job's ready rows in id order
create index recipient_ready_idx on recipient (job_id, id) where done_at is null and dead_lettered_at is null;
-- counts by state per job read the job's range of recipient_job_seq_idx (no index on state: every state change would
-- update it); delivery reports find their row by msgid (and check the job's account)
create index recipient_msgid_idx on recipient (msgid) where msgid is not null;

create function job_recipients_gone() returns trigger language plpgsql as $$
begin
    delete from dispatch.recipient r using gone g where r.job_id = g.id;
    return null;
end $$;
create trigger job_deleted after delete on job referencing old table as gone
    for each statement execute function job_recipients_gone();

-- TEMPLATESENDJOBFINISH reports whose msgid matched no SENT row yet (the push can beat the result write); matched
-- and deleted when the SENT row is written. state is the recipient state the report means (null: status kept only).
create table unmatched_report (
    account_id   uuid         not null,
    msgid        text         not null,
    inbox_id     bigint       not null,
    openid       varchar(128),
    status       text         not null,
    state        varchar(14),
    reported_at  timestamptz  not null,
    received_at  timestamptz  not null,
    primary key (account_id, msgid)
);

-- How far dispatch has read wechat's delivery reports (DeliveryReports.after), stored with what was done with them.
create table report_cursor (
    id        smallint primary key check (id = 1),
    position  bigint   not null
);
insert into report_cursor (id, position) values (1, 0);
