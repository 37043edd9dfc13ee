-- History's reads on dispatch's tables (ADR 0015). Jobs are few (one row per send): their indexes cost nothing that
-- matters. The recipient index is partial so that creating a job writes nothing into it and the send path writes one
-- entry per recipient when its sending is over (done_at set), not on every claim.

-- all jobs newest first (job_account_idx already serves one account's)
create index job_created_idx on job (created_at desc, id desc);
-- the retention purge: ended jobs oldest first
create index job_ended_idx on job (finished_at, id) where state in ('COMPLETED', 'CANCELLED', 'FAILED');
-- a fan's page: what each job sent that fan (openids are per account; the job gives the account)
create index recipient_openid_idx on recipient (openid) where done_at is not null;
