-- Test fans: per account, the followers a sending flow can send a test to before the real send (issue 14). At most 20
-- per account (checked by the service under an advisory lock on the account). account_id refers to
-- accounts.official_account by value only; openid to audiences.fan by value (a test fan whose fan row unsubscribes stays
-- listed, shown as not subscribed, until removed).
create table test_fan (
    account_id  uuid        not null,
    openid      text        not null,
    label       text        not null,
    created_at  timestamptz not null,
    created_by  text        not null,
    primary key (account_id, openid)
);
