-- A fan's interaction timeline (callbackEvents with an openid, the fan page): the pushes of one fan of an
-- account, newest first, without scanning the account's whole inbox.
create index callback_inbox_fan_idx on callback_inbox (account_id, from_openid, id desc);
