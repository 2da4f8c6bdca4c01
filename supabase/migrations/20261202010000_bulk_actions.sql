-- Bulk actions on agents: a batch is one action applied to a selection resolved inside the team.
--
-- Command actions (restart, set_model, apply_config) are ordinary commands carrying the batch id:
-- they stay pending until the agent acknowledges them (done, failed) or the batch expires. The
-- other actions (pause, resume, snooze, move) are applied at once and leave one item per agent.
create table batches (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  action text not null check (action in ('restart', 'set_model', 'apply_config', 'pause', 'resume', 'snooze', 'move')),
  args jsonb not null default '{}',
  selection jsonb not null,
  total integer not null check (total >= 0),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index batches_team_time_idx on batches (team_id, created_at desc, id desc);

alter table commands add column batch_id uuid references batches (id) on delete set null;
create index commands_batch_idx on commands (batch_id, agent_id) where batch_id is not null;

create table batch_items (
  batch_id uuid not null references batches (id) on delete cascade,
  team_id uuid not null references teams (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  status text not null check (status in ('done', 'failed')),
  message text not null default '' check (char_length(message) <= 500),
  created_at timestamptz not null default now(),
  primary key (batch_id, agent_id)
);
create index batch_items_agent_idx on batch_items (agent_id);

alter table batches enable row level security;
alter table batch_items enable row level security;
