-- Policies: versioned documents at team, fleet or agent level, merged per agent (agent over fleet
-- over team). Every revision takes its id from one global sequence, so an agent's effective
-- revision is the greatest current revision among its levels, and a revision is never rewritten
-- or deleted (clearing a level writes an empty revision). The heartbeat compares that id with the
-- revision the agent reports (policyVersion) and delivers the merged document when they differ.
create sequence policy_revision_ids;

create table policies (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  scope_type text not null check (scope_type in ('team', 'fleet', 'agent')),
  -- The team, fleet or agent (no foreign key: the history outlives a deleted fleet or agent).
  target_id uuid not null,
  current_revision bigint not null default 0,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((scope_type = 'team') = (target_id = team_id))
);
-- The heartbeat's lookup: (team, one of three targets) → current revision, from the index alone.
create unique index policies_target_idx on policies (team_id, target_id) include (current_revision);

create table policy_revisions (
  id bigint primary key default nextval('policy_revision_ids'),
  policy_id uuid not null references policies (id) on delete cascade,
  team_id uuid not null references teams (id) on delete cascade,
  document jsonb not null,
  note text not null default '' check (char_length(note) <= 1000),
  created_by uuid references users (id) on delete set null,
  author_label text not null default '',
  created_at timestamptz not null default now()
);
create index policy_revisions_policy_idx on policy_revisions (policy_id, id desc);

-- What the agent last reported: its attempt at a revision (applied or failed, with the gateway's
-- error) and the clawfleet plugin's guard (refusals, spend today, last reasons).
alter table agents add column policy_status jsonb, add column guard jsonb;

-- Rules that fire when an agent's guard reports new refusals.
alter table alert_rules drop constraint alert_rules_kind_check;
alter table alert_rules add constraint alert_rules_kind_check check (kind in ('agent_stale', 'agent_offline', 'gateway_unhealthy',
  'gateway_rtt', 'cpu', 'memory', 'memory_pressure', 'daily_spend', 'custom', 'budget', 'policy_refusal'));

-- The former per-fleet policy becomes each fleet's first revision. New ids start above every
-- version an agent may hold, so no agent mistakes a new revision for the one it has.
select setval('policy_revision_ids', greatest(1, (select max(policy_version) from fleets), (select max(policy_version) from agents)));
with src as (
  select f.id as fleet_id, f.team_id, gen_random_uuid() as policy_id, nextval('policy_revision_ids') as revision,
    jsonb_strip_nulls(jsonb_build_object('model', f.policy->'model', 'allowedModels', f.policy->'allowedModels', 'tools', f.policy->'tools',
      'execMode', f.policy->'execMode', 'sandboxMode', f.policy->'sandboxMode', 'toolCallCostCapsUsd', f.policy->'toolCallCostCapsUsd',
      'dailySpendCapUsd', f.policy->'dailySpendCapUsd')) as document
  from fleets f where f.policy <> '{}'::jsonb
),
created as (
  insert into policies (id, team_id, scope_type, target_id, current_revision)
  select policy_id, team_id, 'fleet', fleet_id, revision from src
)
insert into policy_revisions (id, policy_id, team_id, document, note, author_label)
select revision, policy_id, team_id, document, 'The fleet''s policy before revisions existed', 'system' from src;

alter table fleets drop column policy, drop column policy_version;

alter table policies enable row level security;
alter table policy_revisions enable row level security;
