-- Accounts module: the WeChat Official Accounts Fanmail sends for.
-- Secrets (AppSecret, callback Token, EncodingAESKey) are stored only encrypted (AES-256-GCM, see SecretCipher).
create table official_account (
    id                   uuid primary key,
    name                 varchar(64)  not null,
    original_id          varchar(15)  not null,
    app_id               varchar(18)  not null,
    app_secret_enc       text         not null,
    token_enc            text         not null,
    encoding_aes_key_enc text,
    type                 varchar(16)  not null check (type in ('SERVICE', 'SUBSCRIPTION')),
    verified             boolean      not null,
    encryption_mode      varchar(16)  not null check (encryption_mode in ('PLAIN', 'COMPATIBLE', 'SAFE')),
    api_target           varchar(16)  not null check (api_target in ('SANDBOX', 'WECHAT')),
    api_base_url         varchar(300),
    status               varchar(16)  not null check (status in ('ACTIVE', 'DISABLED')),
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    version              bigint       not null default 0,
    constraint official_account_aes_key_needed check (encryption_mode = 'PLAIN' or encoding_aes_key_enc is not null)
);
create unique index official_account_app_id_uq on official_account (app_id);
create index official_account_name_idx on official_account (lower(name), id);
