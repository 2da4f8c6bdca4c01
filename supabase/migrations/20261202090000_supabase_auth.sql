-- Sign-in through Supabase Auth: a Supabase user (the `sub` of its access tokens) maps to exactly
-- one user here. Plain PostgreSQL: nothing in Supabase's own schemas is touched.
alter table users add column supabase_id uuid;
create unique index users_supabase_id_key on users (supabase_id);
