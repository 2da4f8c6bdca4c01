-- Budgets and savings advice.
--
-- A budget is a monthly amount for the team, a fleet or an agent. Its alerts go through the alerting
-- machinery: each budget owns an alert rule of kind 'budget' (its channels, severity and squelch),
-- and each threshold crossed, or the forecast passing the amount, is an alert of that rule marked
-- with the month and what fired ('2026-12:80', '2026-12:forecast'): one alert per mark, ever.
alter table alert_rules drop constraint alert_rules_kind_check;
alter table alert_rules add constraint alert_rules_kind_check check (kind in ('agent_stale', 'agent_offline', 'gateway_unhealthy',
  'gateway_rtt', 'cpu', 'memory', 'memory_pressure', 'daily_spend', 'custom', 'budget'));

alter table alerts add column mark text not null default '' check (char_length(mark) <= 40);
-- One open alert per rule, agent and mark (the mark is '' for every rule but budgets) ...
drop index alerts_one_open_idx;
create unique index alerts_one_open_idx on alerts (rule_id, coalesce(agent_id, '00000000-0000-0000-0000-000000000000'::uuid), mark) where state <> 'resolved';
-- ... and a budget's mark fires once, whatever became of its alert.
create unique index alerts_mark_once_idx on alerts (rule_id, mark) where mark <> '';

create table budgets (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references teams (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  scope_type text not null check (scope_type in ('team', 'fleet', 'agent')),
  scope_id uuid,
  amount_usd numeric(14, 2) not null check (amount_usd > 0 and amount_usd <= 10000000),
  thresholds integer[] not null default '{50,80,100}' check (cardinality(thresholds) <= 10 and 1 <= all(thresholds) and 1000 >= all(thresholds)),
  forecast_alert boolean not null default true,
  rule_id uuid not null unique references alert_rules (id) on delete cascade,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((scope_type = 'team') = (scope_id is null))
);
create index budgets_team_idx on budgets (team_id, created_at);

-- Savings advice a person dismissed: hidden for that agent and pair of models until `until`.
create table advice_dismissals (
  team_id uuid not null references teams (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  from_model text not null check (char_length(from_model) between 1 and 301),
  to_model text not null check (char_length(to_model) between 1 and 301),
  until timestamptz not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (team_id, agent_id, from_model, to_model)
);

alter table budgets enable row level security;
alter table advice_dismissals enable row level security;
