-- Follow-up jobs (retry failed / resend in doubt) point at their origin; at most one live follow-up of each kind per
-- origin is enforced by the service (under the origin's row lock).
alter table job add column follow_up_of uuid;
alter table job add column follow_up_kind varchar(16) check (follow_up_kind in ('RETRY_FAILED', 'RESEND_IN_DOUBT'));
create index job_follow_up_idx on job (follow_up_of) where follow_up_of is not null;

-- Fanmail's own count of an account's template sends today (the plan's quota): per job of the account, the range of its
-- recipients WeChat accepted since midnight Asia/Shanghai. Only accepted rows (sent_at set) are in it.
create index recipient_sent_idx on recipient (job_id, sent_at) where sent_at is not null;
