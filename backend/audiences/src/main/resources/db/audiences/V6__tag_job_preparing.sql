-- A bulk tag job from a filter or an upload is created PREPARING and answered at once; its items are written in the
-- background (ADR 0013, "Preparing tag jobs"). The job keeps what it was started with (the filter as JSON, the
-- upload's id) so that whichever node prepares it — the one that started it, or after that node died another one
-- once prepare_lease_until has passed — selects the same fans. Cancelling while preparing ends the job with no items.
alter table tag_job drop constraint tag_job_status_check;
alter table tag_job add constraint tag_job_status_check check (status in ('PREPARING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'));
alter table tag_job add column source_filter jsonb;
alter table tag_job add column source_upload_id uuid;
alter table tag_job add column prepare_lease_until timestamptz;
create index tag_job_preparing_idx on tag_job (prepare_lease_until) where status = 'PREPARING';
