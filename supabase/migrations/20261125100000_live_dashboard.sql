-- Status changes kept as events: the overview's recent events, the agent page's history, and
-- (later) the alerting that raises and resolves on them.
create table agent_events (
  id bigint generated always as identity primary key,
  team_id uuid not null references teams (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  fleet_id uuid not null,
  kind text not null default 'status' check (kind in ('status')),
  from_status text not null,
  to_status text not null,
  created_at timestamptz not null default now()
);
create index agent_events_team_time_idx on agent_events (team_id, created_at desc, id desc);
create index agent_events_agent_time_idx on agent_events (agent_id, created_at desc, id desc);
alter table agent_events enable row level security;

-- Charts read a week of one agent's history: an index that carries the charted columns lets
-- PostgreSQL answer from the index alone instead of visiting ~20,000 scattered heap rows.
drop index if exists heartbeats_agent_time_idx;
create index heartbeats_agent_time_idx on heartbeats (agent_id, received_at desc)
  include (cpu_pct, mem_used_pct, mem_pressure_pct, disk_read_bps, disk_write_bps, gateway_rtt_ms, load1);

-- The Cmd+K palette and the list's search look agents up by tag.
create index agents_tags_idx on agents using gin (tags);
