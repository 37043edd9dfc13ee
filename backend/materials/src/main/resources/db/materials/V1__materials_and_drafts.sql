-- The materials library (issue 13): what Fanmail uploaded to WeChat or found there, with Fanmail's own copy of each
-- file for previews (ADR 0016: files live in PostgreSQL, shared by every node), the temporary media uploaded from
-- them and their expiry, the images uploaded for article content, and news drafts.

create table materials.material (
    id uuid primary key,
    account_id uuid not null,
    kind text not null check (kind in ('IMAGE', 'VOICE', 'VIDEO', 'THUMB')),
    media_id text not null,
    name text not null,
    -- the image's URL on WeChat (add_material answers it for images; usable inside articles)
    wechat_url text,
    video_title text,
    video_description text,
    -- WeChat's link to a synced video (not embeddable elsewhere; Fanmail keeps uploaded videos itself)
    video_link text,
    content_type text,
    byte_size bigint,
    duration_ms integer,
    width integer,
    height integer,
    origin text not null check (origin in ('UPLOADED', 'SYNCED')),
    preview text not null check (preview in ('READY', 'PENDING', 'UNAVAILABLE')),
    preview_error text,
    wechat_updated_at timestamptz,
    created_at timestamptz not null,
    created_by text,
    -- the sync run that last listed it (rows a finished sync did not list are gone from WeChat)
    seen_by_sync uuid,
    unique (account_id, media_id)
);
create index material_page on materials.material (account_id, kind, created_at desc, id desc);

-- Fanmail's copies: the original (as uploaded or downloaded once) and, for images, a small JPEG preview.
create table materials.material_file (
    material_id uuid not null references materials.material (id) on delete cascade,
    variant text not null check (variant in ('ORIGINAL', 'PREVIEW')),
    content_type text not null,
    sha256 text not null,
    bytes bytea not null,
    primary key (material_id, variant)
);

-- Temporary media (3 days on WeChat) uploaded from a material for customer-service sends.
create table materials.temporary_media (
    material_id uuid primary key references materials.material (id) on delete cascade,
    account_id uuid not null,
    media_id text not null,
    uploaded_at timestamptz not null,
    expires_at timestamptz not null
);

create table materials.material_sync (
    id uuid primary key,
    account_id uuid not null,
    status text not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    listed integer not null default 0,
    added integer not null default 0,
    removed integer not null default 0,
    downloaded integer not null default 0,
    error_code text,
    error_message text,
    started_by text,
    started_at timestamptz not null,
    heartbeat_at timestamptz not null,
    finished_at timestamptz
);
create index material_sync_latest on materials.material_sync (account_id, started_at desc);
-- one running sync per account
create unique index material_sync_running on materials.material_sync (account_id) where status = 'RUNNING';

-- Images uploaded for article content (media/uploadimg): WeChat's URL and Fanmail's copy, so the editor shows them.
create table materials.article_image (
    id uuid primary key,
    account_id uuid not null,
    wechat_url text not null,
    source_url text,
    content_type text not null,
    sha256 text not null,
    bytes bytea not null,
    created_at timestamptz not null,
    unique (account_id, sha256)
);
create index article_image_url on materials.article_image (account_id, wechat_url);

-- News drafts (draft/add): the articles as WeChat holds them (content with WeChat's image URLs).
create table materials.draft (
    id uuid primary key,
    account_id uuid not null,
    media_id text not null,
    articles jsonb not null,
    title text not null,
    wechat_updated_at timestamptz,
    created_at timestamptz not null,
    created_by text,
    updated_at timestamptz not null,
    updated_by text,
    seen_by_sync uuid,
    unique (account_id, media_id)
);
create index draft_page on materials.draft (account_id, updated_at desc, id desc);
