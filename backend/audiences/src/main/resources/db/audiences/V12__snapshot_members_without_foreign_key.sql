-- A snapshot's members go with their snapshot through a statement trigger instead of a foreign key: the key's check
-- ran once per inserted member (1.1 of 1.8 s for a 100,000-member snapshot on the harness machine). Members are only
-- ever inserted by the statement that creates their snapshot row just before, in the same transaction.
alter table audiences.snapshot_member drop constraint snapshot_member_snapshot_id_fkey;

create function audiences.snapshot_members_gone() returns trigger language plpgsql as $$
begin
    delete from audiences.snapshot_member m using gone g where m.snapshot_id = g.id;
    return null;
end $$;
create trigger audience_snapshot_deleted after delete on audiences.audience_snapshot referencing old table as gone
    for each statement execute function audiences.snapshot_members_gone();
