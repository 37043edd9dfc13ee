-- A recipient's template values are no longer copied into its row when the job is created: the engine renders them
-- from the job's frozen audience snapshot when it claims the recipients (one read per claimed batch), so creating a
-- job writes only each recipient's position and openid (ADR 0014, "values from the snapshot").
alter table dispatch.recipient drop column rendered;
