-- Issue 10: WeChat allows 100 mass previews to a WeChat id (towxname) per account and day; Fanmail counts them
-- per Asia/Shanghai calendar day and refuses the 101st before calling WeChat. Rows of deleted accounts go with
-- the account-data sweep (account_id column); old days are pruned when the next day's first preview is counted.
create table mass_preview_count (
    account_id uuid not null,
    day date not null,
    used int not null,
    primary key (account_id, day)
);
