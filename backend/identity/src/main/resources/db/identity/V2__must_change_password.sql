-- A user who signed in with a generated (or handed-over) password must choose a new one before anything else.
alter table app_user add column must_change_password boolean not null default false;
