-- Templates module: per account the template setup (industries and the history of changes, which
-- ChangeLimits counts per China-time month), the template library synced from WeChat, and presets.
-- account_id refers to accounts.official_account by value only: modules never join across schemas.

create table template_setup (
    account_id            uuid primary key,
    primary_industry_id   integer,
    secondary_industry_id integer,
    updated_at            timestamptz not null,
    version               bigint      not null default 0
);

-- Every change of industries (or, later, categories) Fanmail made, for the monthly limits.
create table setup_change (
    id                    bigserial primary key,
    account_id            uuid        not null,
    model                 varchar(16) not null check (model in ('INDUSTRY', 'CATEGORY')),
    changed_at            timestamptz not null,
    detail                jsonb       not null default '{}'::jsonb
);
create index setup_change_account_idx on setup_change (account_id, model, changed_at);

-- The account's private templates as WeChat last listed them (get_all_private_template).
create table template (
    id                    uuid primary key,
    account_id            uuid         not null,
    template_id           varchar(128) not null,
    title                 varchar(200) not null,
    primary_industry      varchar(100) not null default '',
    deputy_industry       varchar(100) not null default '',
    content               text         not null,
    example               text         not null default '',
    fields                jsonb        not null,
    synced_at             timestamptz  not null,
    constraint template_account_template_uq unique (account_id, template_id)
);
create index template_account_title_idx on template (account_id, title, id);

-- How to fill a template: per field a fixed text or a fan attribute / CSV column, plus the link.
create table field_preset (
    template_id           uuid primary key references template (id) on delete cascade,
    mappings              jsonb       not null,
    link                  jsonb       not null default '{}'::jsonb,
    updated_at            timestamptz not null,
    version               bigint      not null default 0
);
