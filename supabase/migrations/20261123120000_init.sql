-- Initial schema: accounts, teams and roles, API tokens, fleets, agents, audit trail.
-- Every team-owned row carries team_id. RLS is enabled on every table with no policies, so
-- Supabase's generated REST API exposes nothing; the server connects as the table owner.

create type team_role as enum ('owner', 'maintainer', 'viewer');
create type agent_status as enum ('pending', 'online', 'degraded', 'stale', 'offline', 'paused');

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (char_length(email) between 3 and 254),
  name text not null default '' check (char_length(name) <= 100),
  password_hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  token_hash bytea not null unique,
  user_agent text not null default '',
  ip text not null default '',
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id);

create table teams (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 100),
  personal boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table memberships (
  team_id uuid not null references teams (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role team_role not null,
  created_at timestamptz not null default now(),
  primary key (team_id, user_id)
);
create index memberships_user_idx on memberships (user_id, created_at);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  email text not null,
  role team_role not null,
  token_hash bytea not null unique,
  invited_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references users (id) on delete set null,
  revoked_at timestamptz
);
create index invitations_team_idx on invitations (team_id, created_at desc);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  role team_role not null,
  token_hash bytea not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_team_user_idx on api_tokens (team_id, user_id, created_at desc);

create table fleets (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  description text not null default '' check (char_length(description) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index fleets_team_name_key on fleets (team_id, lower(name));
create index fleets_team_created_idx on fleets (team_id, created_at desc, id desc);

create table agents (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  fleet_id uuid not null references fleets (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  region text not null default '' check (char_length(region) <= 64),
  tags text[] not null default '{}',
  status agent_status not null default 'pending',
  heartbeat_interval_s integer not null default 30 check (heartbeat_interval_s between 5 and 3600),
  grace_s integer not null default 60 check (grace_s between 0 and 86400),
  last_seen_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index agents_team_fleet_status_idx on agents (team_id, fleet_id, status);
create index agents_team_created_idx on agents (team_id, created_at desc, id desc);

create table audit_log (
  id bigint generated always as identity primary key,
  team_id uuid not null references teams (id) on delete cascade,
  actor_type text not null check (actor_type in ('user', 'token', 'agent', 'system')),
  actor_id uuid,
  actor_label text not null default '',
  action text not null,
  target_type text not null,
  target_id text,
  before jsonb,
  after jsonb,
  ip text not null default '',
  created_at timestamptz not null default now()
);
create index audit_log_team_time_idx on audit_log (team_id, created_at desc, id desc);
create index audit_log_team_action_idx on audit_log (team_id, action, created_at desc);
create index audit_log_team_target_idx on audit_log (team_id, target_id);

alter table users enable row level security;
alter table sessions enable row level security;
alter table teams enable row level security;
alter table memberships enable row level security;
alter table invitations enable row level security;
alter table api_tokens enable row level security;
alter table fleets enable row level security;
alter table agents enable row level security;
alter table audit_log enable row level security;
