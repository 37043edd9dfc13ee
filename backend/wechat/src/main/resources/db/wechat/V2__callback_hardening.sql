-- Callback hardening (issue 8): fixed-length dedupe keys, dead letters, replay memory, refresh leases, retention.

-- Dedupe keys become the SHA-256 (hex) of the key they were: a long menu URL can no longer overflow the column.
update callback_inbox set dedupe_key = encode(sha256(convert_to(dedupe_key, 'UTF8')), 'hex');
alter table callback_inbox alter column dedupe_key type varchar(64);

-- A row whose publishing keeps failing is set aside after a few attempts, with the error, for admins to see.
alter table callback_inbox add column dead_lettered_at timestamptz;
drop index callback_inbox_pending_idx;
create index callback_inbox_pending_idx on callback_inbox (id) where processed_at is null and dead_lettered_at is null;
create index callback_inbox_dead_idx on callback_inbox (dead_lettered_at desc, id desc) where dead_lettered_at is not null;

-- Retention nulls the raw XML of old rows, then deletes rows.
alter table callback_inbox alter column raw_xml drop not null;
create index callback_inbox_received_idx on callback_inbox (received_at);

-- (account, nonce, timestamp) of every accepted push inside the replay window: a replay is acknowledged but not
-- processed again. Shared by every node; purged once older than the window.
create table callback_nonce (
    account_id uuid        not null,
    nonce      varchar(64) not null,
    ts         bigint      not null,
    seen_at    timestamptz not null default now(),
    primary key (account_id, nonce, ts)
);
create index callback_nonce_ts_idx on callback_nonce (ts);

-- Token refreshes: one node claims a short lease, calls WeChat outside any transaction, then stores the token.
alter table access_token add column lease_id uuid;
alter table access_token add column lease_until timestamptz;
