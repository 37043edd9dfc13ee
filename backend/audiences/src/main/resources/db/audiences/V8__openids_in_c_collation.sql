-- Openids are ASCII ([A-Za-z0-9_-]); they compare byte-wise. In the "C" collation the primary key itself serves
-- "openid LIKE 'prefix%'", so V1_1's pattern index (one more b-tree written for every fan) goes: a full sync of
-- 1,000,000 fans writes every index of the fan table once per fan, and that index cost ~17 % of its database time.
-- Every openid column of the module takes the same collation so joins between them compare alike (PostgreSQL
-- refuses to compare two columns of different collations).
drop index fan_openid_prefix_idx;
alter table fan alter column openid type varchar(64) collate "C";
alter table fan_sync_tag_member alter column openid type varchar(64) collate "C";
alter table tag_job_item alter column openid type varchar(128) collate "C";
alter table upload_row alter column openid type text collate "C";
alter table snapshot_member alter column openid type varchar(64) collate "C";
