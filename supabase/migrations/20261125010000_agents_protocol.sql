-- Agent protocol v1: keys, pairing codes, heartbeat history (partitioned by day), usage per model
-- per hour, commands, single-use JWT ids, and fleet policy.

alter table fleets
  add column policy jsonb not null default '{}',
  add column policy_version integer not null default 1;

alter table agents
  add column description text not null default '' check (char_length(description) <= 500),
  add column paired_at timestamptz,
  add column last_seq bigint not null default 0,
  add column policy_version integer not null default 0,
  add column hostname text not null default '',
  add column gateway jsonb,
  add column host jsonb,
  add column metrics jsonb,
  add column custom jsonb,
  add column status_changed_at timestamptz not null default now();
create index agents_team_region_idx on agents (team_id, region);
create index agents_team_name_idx on agents (team_id, lower(name));

create table agent_keys (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  public_key_jwk jsonb not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create unique index agent_keys_one_active on agent_keys (agent_id) where revoked_at is null;

create table pairing_codes (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  code_hash bytea not null unique,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index pairing_codes_agent_idx on pairing_codes (agent_id);

create table heartbeats (
  team_id uuid not null,
  agent_id uuid not null,
  received_at timestamptz not null default now(),
  seq bigint not null,
  sent_at timestamptz,
  status text not null,
  gateway_reachable boolean,
  gateway_healthy boolean,
  gateway_rtt_ms real,
  cpu_pct real,
  mem_used_pct real,
  mem_pressure_pct real,
  disk_read_bps double precision,
  disk_write_bps double precision,
  load1 real,
  custom jsonb
) partition by range (received_at);
create index heartbeats_agent_time_idx on heartbeats (agent_id, received_at desc);
create table heartbeats_default partition of heartbeats default;

-- Creates the daily partitions from `from_day` for `days` days; safe to call repeatedly.
create or replace function ensure_heartbeat_partitions(from_day date, days integer) returns void
language plpgsql as $$
declare
  d date;
  name text;
begin
  for i in 0 .. days - 1 loop
    d := from_day + i;
    name := 'heartbeats_' || to_char(d, 'YYYYMMDD');
    if to_regclass(name) is null then
      execute format('create table %I partition of heartbeats for values from (%L) to (%L)', name, d, d + 1);
      execute format('alter table %I enable row level security', name);
    end if;
  end loop;
end $$;
select ensure_heartbeat_partitions(current_date - 1, 9);

create table usage_hourly (
  team_id uuid not null,
  agent_id uuid not null references agents (id) on delete cascade,
  model text not null,
  hour timestamptz not null,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  cost_usd numeric(16, 6) not null default 0,
  primary key (agent_id, model, hour)
);
create index usage_hourly_team_hour_idx on usage_hourly (team_id, hour);

create table commands (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  type text not null,
  args jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'delivered', 'done', 'failed', 'expired')),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  acked_at timestamptz,
  result_message text
);
create index commands_agent_open_idx on commands (agent_id, created_at) where status in ('pending', 'delivered');
create index commands_agent_time_idx on commands (agent_id, created_at desc);

create table used_jtis (
  agent_id uuid not null,
  jti text not null,
  expires_at timestamptz not null,
  primary key (agent_id, jti)
);
create index used_jtis_expiry_idx on used_jtis (expires_at);

alter table agent_keys enable row level security;
alter table pairing_codes enable row level security;
alter table heartbeats enable row level security;
alter table heartbeats_default enable row level security;
alter table usage_hourly enable row level security;
alter table commands enable row level security;
alter table used_jtis enable row level security;
