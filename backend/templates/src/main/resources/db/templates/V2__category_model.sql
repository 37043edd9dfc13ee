-- The category model: which model an account uses (a Fanmail setting) and the categories WeChat last
-- reported for it (shown when WeChat cannot be asked). Category changes are counted in setup_change
-- with model CATEGORY, one row per WeChat change call (addcategory / deletecategory).
alter table template_setup
    add column model      varchar(16) not null default 'INDUSTRY' check (model in ('INDUSTRY', 'CATEGORY')),
    add column categories jsonb       not null default '[]'::jsonb;
