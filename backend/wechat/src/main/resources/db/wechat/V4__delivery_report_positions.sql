-- Issue 9: delivery reports (TEMPLATESENDJOBFINISH, MASSSENDJOBFINISH) get a position in commit order when they
-- are published, so other modules can read them after a cursor without ever skipping one. Inbox ids cannot be
-- that cursor: they are taken when a push is stored, and a lower id can commit after a higher one was read.
create sequence callback_report_seq;
alter table callback_inbox add column report_position bigint;
create unique index callback_inbox_report_idx on callback_inbox (report_position) where report_position is not null;

-- Reports published before this get positions in inbox order.
update callback_inbox i set report_position = p.pos
from (select id, nextval('callback_report_seq') as pos from (select id from callback_inbox
      where processed_at is not null and msg_type = 'event' and upper(event) in ('TEMPLATESENDJOBFINISH', 'MASSSENDJOBFINISH')
      order by id) ordered) p
where i.id = p.id;
