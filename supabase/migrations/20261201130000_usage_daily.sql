-- Usage as the OpenClaw gateway itself records and prices it (clawfleet 2), per agent, UTC day,
-- provider and model. Agents report cumulative figures for the day; the server keeps the largest
-- value of each, so a retried or spooled heartbeat never counts twice and a report made while the
-- gateway's own cache was still filling never lowers what was already known.
create table usage_daily (
  team_id uuid not null references teams (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  day date not null,
  provider text not null default '' check (char_length(provider) <= 100),
  model text not null check (char_length(model) between 1 and 200),
  input_tokens bigint not null default 0 check (input_tokens >= 0),
  output_tokens bigint not null default 0 check (output_tokens >= 0),
  cache_read_tokens bigint not null default 0 check (cache_read_tokens >= 0),
  cache_write_tokens bigint not null default 0 check (cache_write_tokens >= 0),
  cost_usd numeric(16, 6) not null default 0 check (cost_usd >= 0),
  missing_cost_entries integer not null default 0 check (missing_cost_entries >= 0),
  calls integer not null default 0 check (calls >= 0),
  updated_at timestamptz not null default now(),
  primary key (agent_id, day, provider, model)
);
create index usage_daily_team_day_idx on usage_daily (team_id, day);
alter table usage_daily enable row level security;

-- Why an agent could not read its gateway's usage (no token, refused…), shown on its page.
alter table agents add column usage_error text check (char_length(usage_error) <= 500);
