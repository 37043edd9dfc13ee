-- Identity module: users with roles, and server-side sign-in sessions.
create table app_user (
    id              uuid primary key,
    username        varchar(32)  not null,
    password_hash   varchar(200) not null,
    role            varchar(16)  not null check (role in ('ADMIN', 'OPERATOR', 'VIEWER')),
    enabled         boolean      not null default true,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    last_sign_in_at timestamptz,
    version         bigint       not null default 0
);
create unique index app_user_username_uq on app_user (username);

-- The cookie carries a random token; only its SHA-256 is stored, so a database leak yields no usable session.
create table user_session (
    token_hash   bytea       primary key,
    user_id      uuid        not null references app_user (id) on delete cascade,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at   timestamptz not null,
    user_agent   varchar(300),
    remote_addr  varchar(64)
);
create index user_session_user_idx on user_session (user_id);
create index user_session_expiry_idx on user_session (expires_at);
