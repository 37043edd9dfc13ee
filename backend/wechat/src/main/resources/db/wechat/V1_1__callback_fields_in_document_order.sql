-- The console shows a push's fields in document order, but jsonb keeps object keys sorted by length
-- and bytes. json keeps the text as written (the parser's order). Rows stored before this keep the
-- order jsonb gave them.
alter table callback_inbox alter column fields type json using fields::json;
