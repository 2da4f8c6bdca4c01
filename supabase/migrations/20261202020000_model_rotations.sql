-- The model kill switch. An agent's gateway reports its configured primary model (read back from
-- the gateway's own config) with every heartbeat; the agent row keeps it and when it last changed,
-- so "confirmed" means the gateway said so, and when, without a query per heartbeat.
alter table agents add column gateway_model text, add column gateway_model_since timestamptz;

-- Clearing session pins is a batch of commands like any bulk action's.
alter table batches drop constraint batches_action_check;
alter table batches add constraint batches_action_check
  check (action in ('restart', 'set_model', 'apply_config', 'pause', 'resume', 'snooze', 'move', 'clear_session_models'));

-- A rotation: one confirmed action that published, in one transaction, a revision of every policy
-- that decides the model of the agents in scope, with the backup as primary, and queued a command
-- per agent clearing sessions pinned to another model.
create table model_rotations (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  -- {type: team} | {type: fleet, fleetId} | {type: tag, tag} | {type: selection, kind, filter?}
  scope jsonb not null,
  scope_label text not null default '' check (char_length(scope_label) <= 300),
  backup_model text not null,
  fallbacks text[] not null default '{}',
  note text not null default '' check (char_length(note) <= 500),
  agent_count integer not null check (agent_count >= 0),
  batch_id uuid references batches (id) on delete set null,
  -- The first revision the rotation wrote: a failed attempt at this revision or a later one counts against it.
  first_revision bigint not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  reverted_at timestamptz,
  reverted_by uuid references users (id) on delete set null
);
create index model_rotations_team_time_idx on model_rotations (team_id, created_at desc, id desc);

-- The policies it revised: the revision before (0 and an empty document when it created the
-- policy), the revision it wrote, and the one its revert wrote (null: not reverted, or changed since).
create table model_rotation_policies (
  rotation_id uuid not null references model_rotations (id) on delete cascade,
  team_id uuid not null references teams (id) on delete cascade,
  policy_id uuid not null references policies (id) on delete cascade,
  created boolean not null default false,
  before_revision bigint not null,
  before_document jsonb not null,
  after_revision bigint not null,
  revert_revision bigint,
  primary key (rotation_id, policy_id)
);

-- The agents it covered when it was published.
create table model_rotation_agents (
  rotation_id uuid not null references model_rotations (id) on delete cascade,
  team_id uuid not null references teams (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  primary key (rotation_id, agent_id)
);
create index model_rotation_agents_agent_idx on model_rotation_agents (agent_id);

alter table model_rotations enable row level security;
alter table model_rotation_policies enable row level security;
alter table model_rotation_agents enable row level security;
