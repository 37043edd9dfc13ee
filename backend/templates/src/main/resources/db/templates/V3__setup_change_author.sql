-- Who made a setup change (the signed-in user's name at the time), shown in the change history.
alter table setup_change add column changed_by varchar(64);
