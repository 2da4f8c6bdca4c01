-- Cost intelligence: a price catalogue (the maintained one, team_id null, seeded from
-- @pydantic/genai-prices; a team's own rows override it), and spend rollups kept up to date as
-- heartbeats commit, so the costs page reads a few thousand rows however large the fleet.

-- Which models exist, under which names they are reported, their capability tier (for savings
-- advice) and whether a team may use them. A team row overrides the catalogue's for that team.
create table model_catalogue (
  id uuid primary key default gen_random_uuid(),
  team_id uuid references teams (id) on delete cascade,
  provider text not null check (char_length(provider) between 1 and 100),
  model text not null check (char_length(model) between 1 and 200),
  name text check (char_length(name) <= 200),
  tier text check (char_length(tier) <= 60),
  unavailable boolean not null default false,
  match_prefixes text[] not null default '{}',
  updated_at timestamptz not null default now()
);
create unique index model_catalogue_key on model_catalogue (coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid), provider, model);
create index model_catalogue_provider_idx on model_catalogue (provider, model);

-- USD per million tokens, from the day each price took effect: past usage keeps its past price.
create table model_prices (
  id uuid primary key default gen_random_uuid(),
  team_id uuid references teams (id) on delete cascade,
  provider text not null check (char_length(provider) between 1 and 100),
  model text not null check (char_length(model) between 1 and 200),
  effective_from date not null default '2000-01-01',
  input_per_mtok numeric(14, 6) not null check (input_per_mtok between 0 and 100000),
  output_per_mtok numeric(14, 6) not null check (output_per_mtok between 0 and 100000),
  cache_read_per_mtok numeric(14, 6) not null default 0 check (cache_read_per_mtok between 0 and 100000),
  cache_write_per_mtok numeric(14, 6) not null default 0 check (cache_write_per_mtok between 0 and 100000),
  source text not null default 'team' check (source in ('catalogue', 'team')),
  note text check (char_length(note) <= 500),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index model_prices_key on model_prices (coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid), provider, model, effective_from);
create index model_prices_lookup_idx on model_prices (provider, model, effective_from desc);

create table catalogue_meta (key text primary key, value text not null, updated_at timestamptz not null default now());

-- The catalogue's id for a model as reported (how price_at and savings advice name it): the exact name, else the
-- longest matching prefix, the team's own rows first; the name itself when the catalogue lacks it.
create or replace function catalogue_model(p_team uuid, p_provider text, p_model text)
returns text language sql stable as $$
  select coalesce(
    (select c.model from model_catalogue c
      where c.provider = lower(p_provider) and c.model = lower(p_model) and (c.team_id = p_team or c.team_id is null) limit 1),
    (select c.model from model_catalogue c cross join lateral unnest(c.match_prefixes) as x(prefix)
      where c.provider = lower(p_provider) and (c.team_id = p_team or c.team_id is null)
        and left(lower(p_model), char_length(x.prefix)) = x.prefix
      order by char_length(x.prefix) desc, (c.team_id is null) limit 1),
    lower(p_model))
$$;

-- The price in force for a team on a day for a model as reported: the team's own rows first.
create or replace function price_at(p_team uuid, p_provider text, p_model text, p_day date)
returns table (input_per_mtok numeric, output_per_mtok numeric, cache_read_per_mtok numeric, cache_write_per_mtok numeric)
language sql stable as $$
  select p.input_per_mtok, p.output_per_mtok, p.cache_read_per_mtok, p.cache_write_per_mtok
  from model_prices p
  where p.provider = lower(p_provider) and p.model = catalogue_model(p_team, p_provider, p_model) and (p.team_id = p_team or p.team_id is null)
    and p.effective_from <= p_day
  order by (p.team_id is not null) desc, p.effective_from desc
  limit 1
$$;

-- Spend per day, fleet, provider and model (the costs page's series and breakdowns) and per day and
-- agent (top agents). Each usage record adds what it changed: the gateway's own figure when it
-- priced the calls (reported), else tokens × the price in force (estimated), else the calls count
-- as unpriced. Rows outlive a deleted agent, so past spend stays whole.
create table cost_fleet_daily (
  team_id uuid not null references teams (id) on delete cascade,
  day date not null,
  fleet_id uuid not null,
  provider text not null,
  model text not null,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  cache_read_tokens bigint not null default 0,
  cache_write_tokens bigint not null default 0,
  calls bigint not null default 0,
  reported_cost numeric(18, 6) not null default 0,
  estimated_cost numeric(18, 6) not null default 0,
  unpriced_calls bigint not null default 0,
  primary key (team_id, day, fleet_id, provider, model)
);

create table cost_agent_daily (
  team_id uuid not null references teams (id) on delete cascade,
  day date not null,
  agent_id uuid not null,
  fleet_id uuid not null,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  calls bigint not null default 0,
  reported_cost numeric(18, 6) not null default 0,
  estimated_cost numeric(18, 6) not null default 0,
  unpriced_calls bigint not null default 0,
  -- Ranking agents over loose days reads the key's index alone: it carries the costs.
  primary key (team_id, day, agent_id) include (fleet_id, reported_cost, estimated_cost)
);
create index cost_agent_daily_agent_idx on cost_agent_daily (agent_id, day);

-- Per day, model and agent: the top agents for one model, and one agent's own page.
create table cost_agent_model_daily (
  team_id uuid not null references teams (id) on delete cascade,
  provider text not null,
  model text not null,
  day date not null,
  agent_id uuid not null,
  fleet_id uuid not null,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  cache_read_tokens bigint not null default 0,
  cache_write_tokens bigint not null default 0,
  calls bigint not null default 0,
  reported_cost numeric(18, 6) not null default 0,
  estimated_cost numeric(18, 6) not null default 0,
  unpriced_calls bigint not null default 0,
  primary key (team_id, provider, model, day, agent_id) include (fleet_id, reported_cost, estimated_cost)
);
create index cost_agent_model_daily_agent_idx on cost_agent_model_daily (agent_id, day);

-- The same per month: ranking 10,000 agents over whole months reads 10,000 rows a month, not 300,000.
create table cost_agent_monthly (
  team_id uuid not null references teams (id) on delete cascade,
  month date not null,
  agent_id uuid not null,
  fleet_id uuid not null,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  calls bigint not null default 0,
  reported_cost numeric(18, 6) not null default 0,
  estimated_cost numeric(18, 6) not null default 0,
  unpriced_calls bigint not null default 0,
  primary key (team_id, month, agent_id)
);

create table cost_agent_model_monthly (
  team_id uuid not null references teams (id) on delete cascade,
  provider text not null,
  model text not null,
  month date not null,
  agent_id uuid not null,
  fleet_id uuid not null,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  calls bigint not null default 0,
  reported_cost numeric(18, 6) not null default 0,
  estimated_cost numeric(18, 6) not null default 0,
  unpriced_calls bigint not null default 0,
  primary key (team_id, provider, model, month, agent_id)
);

alter table model_catalogue enable row level security;
alter table model_prices enable row level security;
alter table catalogue_meta enable row level security;
alter table cost_fleet_daily enable row level security;
alter table cost_agent_daily enable row level security;
alter table cost_agent_model_daily enable row level security;
alter table cost_agent_monthly enable row level security;
alter table cost_agent_model_monthly enable row level security;

-- Calls per usage report (protocol v1 `usage[].calls`; a report without a count is one call), so
-- spend nobody could price is counted in calls too.
alter table usage_hourly add column calls bigint not null default 0 check (calls >= 0);
update usage_hourly set calls = 1 where calls = 0;

-- What was stored before the catalogue existed, carried into the rollups unpriced where no gateway
-- priced it; the first catalogue load then prices it (lib/server/costs/catalogue-sync.ts).
insert into cost_agent_model_daily (team_id, provider, model, day, agent_id, fleet_id, input_tokens, output_tokens, cache_read_tokens,
  cache_write_tokens, calls, reported_cost, estimated_cost, unpriced_calls)
select u.team_id, u.provider, u.model, u.day, u.agent_id, a.fleet_id, sum(u.input_tokens), sum(u.output_tokens), sum(u.cache_read_tokens),
  sum(u.cache_write_tokens), sum(u.calls), sum(u.reported), 0, sum(u.unpriced)
from (
  select team_id, agent_id, day, provider, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, calls,
    case when cost_usd > 0 or calls > missing_cost_entries then cost_usd else 0 end as reported,
    case when cost_usd > 0 or calls > missing_cost_entries then missing_cost_entries else calls end as unpriced
  from usage_daily
  union all
  select team_id, agent_id, (hour at time zone 'utc')::date, case when strpos(model, '/') > 0 then split_part(model, '/', 1) else '' end,
    case when strpos(model, '/') > 0 then substr(model, strpos(model, '/') + 1) else model end,
    input_tokens, output_tokens, 0, 0, calls, cost_usd, case when cost_usd > 0 then 0 else calls end
  from usage_hourly
) u join agents a on a.id = u.agent_id
group by u.team_id, u.provider, u.model, u.day, u.agent_id, a.fleet_id;

insert into cost_fleet_daily (team_id, day, fleet_id, provider, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
  calls, reported_cost, estimated_cost, unpriced_calls)
select team_id, day, fleet_id, provider, model, sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
  sum(calls), sum(reported_cost), 0, sum(unpriced_calls)
from cost_agent_model_daily group by team_id, day, fleet_id, provider, model;

insert into cost_agent_daily (team_id, day, agent_id, fleet_id, input_tokens, output_tokens, calls, reported_cost, estimated_cost, unpriced_calls)
select team_id, day, agent_id, (array_agg(fleet_id))[1], sum(input_tokens), sum(output_tokens), sum(calls), sum(reported_cost), 0, sum(unpriced_calls)
from cost_agent_model_daily group by team_id, day, agent_id;

insert into cost_agent_monthly (team_id, month, agent_id, fleet_id, input_tokens, output_tokens, calls, reported_cost, estimated_cost, unpriced_calls)
select team_id, date_trunc('month', day)::date, agent_id, (array_agg(fleet_id))[1], sum(input_tokens), sum(output_tokens), sum(calls),
  sum(reported_cost), sum(estimated_cost), sum(unpriced_calls)
from cost_agent_daily group by team_id, date_trunc('month', day)::date, agent_id;

insert into cost_agent_model_monthly (team_id, provider, model, month, agent_id, fleet_id, input_tokens, output_tokens, calls, reported_cost,
  estimated_cost, unpriced_calls)
select team_id, provider, model, date_trunc('month', day)::date, agent_id, (array_agg(fleet_id))[1], sum(input_tokens), sum(output_tokens),
  sum(calls), sum(reported_cost), sum(estimated_cost), sum(unpriced_calls)
from cost_agent_model_daily group by team_id, provider, model, date_trunc('month', day)::date, agent_id;
