-- Audiences module: the fans of each account as WeChat lists them (followers, details, tags) and the
-- account's tags. account_id refers to accounts.official_account by value only: modules never join
-- across schemas. Later migrations of this module add sync runs, bulk tag jobs, uploads, segments and
-- snapshots.

-- Trigram index support for "remark contains" at a million fans (pg_trgm is a trusted extension: the
-- database owner may create it).
create extension if not exists pg_trgm with schema audiences;

-- One row per fan ever seen: an unfollowed fan stays (subscribed = false) with its history and is never
-- sent to. tag_ids holds the fan's WeChat tag ids (at most 20), indexed with GIN for any/all tag filters.
create table fan (
    account_id           uuid         not null,
    openid               varchar(64)  not null,
    subscribed           boolean      not null default true,
    subscribed_at        timestamptz,
    unsubscribed_at      timestamptz,
    remark               varchar(100) not null default '',
    language             varchar(16),
    union_id             varchar(64),
    subscribe_scene      varchar(64),
    qr_scene             varchar(128),
    tag_ids              integer[]    not null default '{}',
    details_synced_at    timestamptz,
    last_interaction_at  timestamptz,
    last_sync_run        bigint,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    primary key (account_id, openid)
);
create index fan_tag_ids_idx on fan using gin (tag_ids);
create index fan_remark_trgm_idx on fan using gin (remark gin_trgm_ops);
create index fan_subscribed_at_idx on fan (account_id, subscribed_at desc nulls last, openid);
create index fan_last_interaction_idx on fan (account_id, last_interaction_at desc nulls last, openid);
create index fan_details_pending_idx on fan (account_id, openid) where details_synced_at is null and subscribed;

-- The account's tags as WeChat last listed them (tags/get); wechat_count is WeChat's own member count.
create table tag (
    account_id    uuid        not null,
    tag_id        integer     not null,
    name          varchar(64) not null,
    wechat_count  bigint      not null default 0,
    synced_at     timestamptz not null,
    primary key (account_id, tag_id)
);
