-- Live status through Supabase Realtime: applies only where Supabase's own `realtime` schema exists
-- (a Supabase project); on plain PostgreSQL and the embedded server it does nothing.
--
-- fleet_realtime.broadcast(notice) sends one live notice (the same JSON text the app publishes
-- with pg_notify) with realtime.send to its team's private topic `team:<team id>`, inside the
-- caller's transaction, so Realtime hears only what commits. A policy on realtime.messages lets an
-- `authenticated` token hear a team topic only while its `sub` is a member of that team: Realtime
-- runs it when a channel is joined, with request.jwt.claims and realtime.topic() set.
-- The schema is not one the Data API exposes, and only the app's own role may broadcast.
do $migration$
begin
  if not exists (select 1 from pg_namespace where nspname = 'realtime') then
    return;
  end if;

  execute 'create schema if not exists fleet_realtime';
  execute 'revoke all on schema fleet_realtime from public';

  execute $sql$
    create or replace function fleet_realtime.broadcast(notice text) returns void
    language sql volatile set search_path = '' as $fn$
      select realtime.send(n, n ->> 'type', 'team:' || (n ->> 'teamId'), true) from (select notice::jsonb as n) v
    $fn$
  $sql$;
  execute 'revoke all on function fleet_realtime.broadcast(text) from public';

  -- Security definer: memberships has RLS with no policy for `authenticated`, so the check reads it
  -- as its owner. It takes nothing from the caller but the topic; the person comes from the token.
  execute $sql$
    create or replace function fleet_realtime.may_hear(topic text) returns boolean
    language sql stable security definer set search_path = '' as $fn$
      select exists (
        select 1 from public.memberships m
        where topic ~ '^team:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
          and m.team_id = substr(topic, 6)::uuid
          and m.user_id::text = nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
      )
    $fn$
  $sql$;
  execute 'revoke all on function fleet_realtime.may_hear(text) from public';
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'grant usage on schema fleet_realtime to authenticated';
    execute 'grant execute on function fleet_realtime.may_hear(text) to authenticated';
    execute 'drop policy if exists "team members hear their team" on realtime.messages';
    execute $sql$
      create policy "team members hear their team" on realtime.messages
      for select to authenticated
      using (extension = 'broadcast' and (select fleet_realtime.may_hear((select realtime.topic()))))
    $sql$;
  end if;
end
$migration$;
