-- Fan sync runs: a full sync of the followers with their tags (FOLLOWERS) or the enrichment of fans' details
-- (DETAILS). A run is worked on page by page; every page is written together with the run's new cursor in one
-- transaction, so a run that stops (WeChat failed, the node died) resumes from the last stored cursor without
-- redoing earlier pages. A node works on a run while it holds the lease; a run whose lease ran out is claimed again
-- by any node.
create table fan_sync_run (
    id             bigint generated always as identity primary key,
    account_id     uuid         not null,
    kind           varchar(16)  not null check (kind in ('FOLLOWERS', 'DETAILS')),
    status         varchar(16)  not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    -- FOLLOWERS: FOLLOWERS (user/get pages), TAGS (tags/get), MEMBERS (user/tag/get pages), APPLY (tag ids and
    -- silent unfollows set on the fans in chunks); DETAILS: DETAILS
    phase          varchar(16)  not null,
    -- where the phase continues: user/get's next_openid, "tagId:next_openid" of user/tag/get, the last openid done
    cursor         text,
    done           bigint       not null default 0,
    total          bigint,
    lease_owner    varchar(64),
    lease_until    timestamptz,
    error_code     varchar(64),
    error_message  text,
    started_by     uuid,
    started_at     timestamptz  not null,
    finished_at    timestamptz,
    updated_at     timestamptz  not null
);
-- One running run per account and kind.
create unique index fan_sync_run_running_idx on fan_sync_run (account_id, kind) where status = 'RUNNING';
create index fan_sync_run_account_idx on fan_sync_run (account_id, kind, id desc);
create index fan_sync_run_lease_idx on fan_sync_run (lease_until) where status = 'RUNNING';

-- Tag memberships a FOLLOWERS run collected from user/tag/get, applied to fan.tag_ids at the end of the run and
-- removed then (or with the run's account).
create table fan_sync_tag_member (
    run_id      bigint      not null,
    account_id  uuid        not null,
    tag_id      integer     not null,
    openid      varchar(64) not null
);
create index fan_sync_tag_member_idx on fan_sync_tag_member (run_id, openid);
