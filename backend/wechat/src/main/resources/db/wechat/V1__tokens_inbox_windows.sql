-- WeChat module: shared access tokens, the callback inbox, customer-service windows.

-- One row per account: the current access token (encrypted), shared by every node. Refreshes take the
-- row lock, so exactly one caller refreshes; a credential error is kept with a back-off so a bad
-- secret becomes a visible account error instead of a storm of token calls.
create table access_token (
    account_id       uuid primary key,
    token_enc        text,
    expires_at       timestamptz,
    fetched_at       timestamptz,
    refresh_count    bigint      not null default 0,
    last_error_code  integer,
    last_error       text,
    failed_at        timestamptz,
    retry_after      timestamptz
);

-- Every push WeChat made, stored before it is acknowledged. (account_id, dedupe_key) makes WeChat's
-- retries (up to 3 per push) land once; processed_at marks rows whose events were published.
create table callback_inbox (
    id           bigserial primary key,
    account_id   uuid         not null,
    dedupe_key   varchar(300) not null,
    msg_type     varchar(32)  not null,
    event        varchar(64),
    from_openid  varchar(64),
    create_time  bigint,
    received_at  timestamptz  not null default now(),
    fields       jsonb        not null,
    raw_xml      text         not null,
    processed_at timestamptz,
    attempts     integer      not null default 0,
    last_error   text,
    constraint callback_inbox_dedupe_uq unique (account_id, dedupe_key)
);
create index callback_inbox_account_idx on callback_inbox (account_id, id desc);
create index callback_inbox_pending_idx on callback_inbox (id) where processed_at is null;

-- Customer-service windows a fan opened by interacting: a message opens MESSAGE (5 in 48 h by default),
-- a menu click/scan, follow or QR scan opens INTERACTION (3 in 1 min). The latest trigger of each kind wins.
create table service_window (
    account_id  uuid        not null,
    openid      varchar(64) not null,
    kind        varchar(16) not null check (kind in ('MESSAGE', 'INTERACTION')),
    opened_at   timestamptz not null,
    expires_at  timestamptz not null,
    quota       integer     not null,
    used        integer     not null default 0,
    primary key (account_id, openid, kind)
);
create index service_window_expiry_idx on service_window (account_id, expires_at);
