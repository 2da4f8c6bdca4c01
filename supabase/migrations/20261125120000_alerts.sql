-- Alerting: channels (secrets encrypted at rest), rules, alerts with their lifecycle, silences, and
-- a transactional outbox of notifications with every delivery attempt logged.
create table alert_channels (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  type text not null check (type in ('slack', 'discord', 'pagerduty', 'webhook')),
  config_encrypted text not null,
  config_hint text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index alert_channels_team_idx on alert_channels (team_id, created_at);

create table alert_rules (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  enabled boolean not null default true,
  kind text not null check (kind in ('agent_stale', 'agent_offline', 'gateway_unhealthy', 'gateway_rtt', 'cpu', 'memory', 'memory_pressure', 'daily_spend')),
  threshold double precision,
  for_minutes integer not null default 0 check (for_minutes between 0 and 1440),
  scope_type text not null default 'team' check (scope_type in ('team', 'fleet', 'agent', 'tag')),
  scope_value text not null default '',
  severity text not null default 'critical' check (severity in ('critical', 'warning', 'info')),
  squelch_minutes integer not null default 30 check (squelch_minutes between 0 and 10080),
  channel_ids uuid[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index alert_rules_team_idx on alert_rules (team_id) where enabled;

create table alerts (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  rule_id uuid not null references alert_rules (id) on delete cascade,
  agent_id uuid references agents (id) on delete cascade,
  state text not null default 'open' check (state in ('open', 'acknowledged', 'resolved')),
  detail text not null default '',
  silenced boolean not null default false,
  -- Notices waiting for the grouping step: written with the alert, turned into outbox rows later.
  trigger_pending boolean not null default false,
  resolve_pending boolean not null default false,
  group_key text,
  notified_at timestamptz,
  opened_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid references users (id) on delete set null,
  resolved_at timestamptz,
  resolved_by uuid references users (id) on delete set null
);
create unique index alerts_one_open_idx on alerts (rule_id, coalesce(agent_id, '00000000-0000-0000-0000-000000000000'::uuid)) where state <> 'resolved';
create index alerts_team_time_idx on alerts (team_id, opened_at desc, id desc);
create index alerts_pending_idx on alerts (opened_at) where trigger_pending or resolve_pending;
create index alerts_agent_idx on alerts (agent_id, opened_at desc);

create table silences (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  scope_type text not null check (scope_type in ('agent', 'fleet')),
  scope_id uuid not null,
  starts_at timestamptz not null default now(),
  ends_at timestamptz not null,
  reason text not null default '',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  check (ends_at > starts_at)
);
create index silences_scope_idx on silences (scope_id, ends_at);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  channel_id uuid not null references alert_channels (id) on delete cascade,
  rule_id uuid references alert_rules (id) on delete set null,
  action text not null check (action in ('trigger', 'resolve', 'test')),
  idempotency_key text not null unique,
  dedup_key text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
create index notifications_due_idx on notifications (next_attempt_at) where status = 'pending';
create index notifications_team_idx on notifications (team_id, created_at desc);

create table notification_attempts (
  id bigint generated always as identity primary key,
  notification_id uuid not null references notifications (id) on delete cascade,
  at timestamptz not null default now(),
  status_code integer,
  error text,
  duration_ms integer not null
);
create index notification_attempts_idx on notification_attempts (notification_id, at);

alter table alert_channels enable row level security;
alter table alert_rules enable row level security;
alter table alerts enable row level security;
alter table silences enable row level security;
alter table notifications enable row level security;
alter table notification_attempts enable row level security;
