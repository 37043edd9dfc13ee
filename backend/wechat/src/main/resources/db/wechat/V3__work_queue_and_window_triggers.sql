-- Issue 9: the inbox becomes a kernel work queue (lease + back-off), windows record what opened them.

-- Who claimed a row holds it until lease_until (a node that dies loses it then); after a failed attempt the row
-- waits until not_before (exponential back-off) before it is tried again.
alter table callback_inbox add column lease_until timestamptz;
alter table callback_inbox add column not_before timestamptz;

-- The trigger that opened each window (a message, a menu click, a code scan, a follow, a QR scan) and the push
-- it came from. opened_at is now the push's CreateTime (never later than its arrival), not the processing time.
-- (UNKNOWN: windows recorded before this, or written by anything but the inbox.)
alter table service_window add column opened_by varchar(16) not null default 'UNKNOWN'
    check (opened_by in ('MESSAGE', 'CLICK', 'CODE_SCAN', 'FOLLOW', 'QR_SCAN', 'UNKNOWN'));
alter table service_window add column opened_by_inbox_id bigint;
