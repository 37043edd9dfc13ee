-- The GIN indexes on tag_ids and remark held an entry for every fan, also for the majority with no tag and no remark
-- (GIN stores an "empty item" entry for those), so a full sync wrote two GIN entries per fan that no search can use:
-- a tag filter matches only fans with tags and a "remark contains" search only fans with a remark. Now they hold just
-- those fans, and the queries carry the predicates (tag_ids <> '{}', remark <> '') that let the planner use them.
-- Measured: 300,000 fans inserted page by page as a sync does, 40 % of them tagged, no remarks: 3.8-3.9 s of
-- PostgreSQL time with the full indexes, 2.6-2.9 s with these.
drop index fan_tag_ids_idx;
drop index fan_remark_trgm_idx;
create index fan_tag_ids_idx on fan using gin (tag_ids) where tag_ids <> '{}';
create index fan_remark_trgm_idx on fan using gin (remark gin_trgm_ops) where remark <> '';
