-- Audience selectors: uploaded openid lists (with their other CSV columns), saved segments, and the
-- frozen snapshots dispatch streams. account_id is by value only (no cross-schema joins); child rows
-- go with their parent (on delete cascade), so AccountDataCleanup's delete of the parents covers them.

-- An uploaded CSV or plain-text list. columns: the header's names (or openid, column2, … without a
-- header); openid_column: which of them holds the openid (0-based). The counts are as of the upload.
create table upload (
    id             uuid          primary key,
    account_id     uuid          not null,
    name           varchar(200)  not null,
    status         varchar(16)   not null,
    columns        text[]        not null default '{}',
    openid_column  integer       not null default 0,
    total_lines    integer       not null default 0,
    valid          integer       not null default 0,
    invalid        integer       not null default 0,
    unknown        integer       not null default 0,
    duplicates     integer       not null default 0,
    bytes          bigint        not null default 0,
    error_code     varchar(32),
    error_message  text,
    created_at     timestamptz   not null,
    created_by     varchar(64)
);
create index upload_account_idx on upload (account_id, created_at desc, id);

-- One line of an upload: problem null = usable (a known fan, first occurrence); otherwise INVALID_OPENID,
-- UNKNOWN_OPENID, DUPLICATE, EMPTY_LINE or TOO_MANY_COLUMNS. cells: the line's values as a JSON array
-- aligned with upload.columns (null for a line that was not kept).
create table upload_row (
    upload_id  uuid     not null references upload (id) on delete cascade,
    line_no    integer  not null,
    openid     text,
    problem    varchar(32),
    cells      jsonb,
    primary key (upload_id, line_no)
);
create index upload_row_openid_idx on upload_row (upload_id, openid);
create index upload_row_problem_idx on upload_row (upload_id, line_no) where problem is not null;

-- A saved fan filter (FanFilter as JSON); names are unique per account.
create table segment (
    id          uuid          primary key,
    account_id  uuid          not null,
    name        varchar(100)  not null,
    filter      jsonb         not null,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    unique (account_id, name)
);

-- A selector resolved at one moment: its members with the fan's remark and tags and the upload's CSV
-- values copied, so later changes to fans, uploads or segments do not change it. excluded_reason null =
-- a recipient; otherwise why not (UNSUBSCRIBED, WINDOW_CLOSED, DUPLICATE, UNKNOWN_OPENID).
create table audience_snapshot (
    id              uuid          primary key,
    account_id      uuid          not null,
    selector        jsonb         not null,
    purpose         varchar(32)   not null,
    columns         text[]        not null default '{}',
    total           bigint        not null,
    reachable       bigint        not null,
    unsubscribed    bigint        not null default 0,
    window_closed   bigint        not null default 0,
    duplicates      bigint        not null default 0,
    unknown         bigint        not null default 0,
    created_at      timestamptz   not null
);
create index audience_snapshot_account_idx on audience_snapshot (account_id, created_at);

create table snapshot_member (
    snapshot_id      uuid         not null references audience_snapshot (id) on delete cascade,
    seq              bigint       not null,
    openid           varchar(64)  not null,
    remark           varchar(100),
    tag_ids          integer[],
    upload_line      integer,
    cells            jsonb,
    excluded_reason  varchar(32),
    primary key (snapshot_id, seq)
);
