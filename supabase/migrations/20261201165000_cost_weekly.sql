-- Spend per ISO week (Monday) and agent, and per week, model and agent. A range zoomed to days
-- reads whole months, then whole weeks, then at most six loose days at either end: ranking 10,000
-- agents over 30 loose days reads about 10 rows per agent instead of 30.
create table cost_agent_weekly (
  team_id uuid not null references teams (id) on delete cascade,
  week date not null,
  agent_id uuid not null,
  fleet_id uuid not null,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  calls bigint not null default 0,
  reported_cost numeric(18, 6) not null default 0,
  estimated_cost numeric(18, 6) not null default 0,
  unpriced_calls bigint not null default 0,
  -- Ranking reads the key's index alone: it carries the costs.
  primary key (team_id, week, agent_id) include (fleet_id, reported_cost, estimated_cost)
);

create table cost_agent_model_weekly (
  team_id uuid not null references teams (id) on delete cascade,
  provider text not null,
  model text not null,
  week date not null,
  agent_id uuid not null,
  fleet_id uuid not null,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  calls bigint not null default 0,
  reported_cost numeric(18, 6) not null default 0,
  estimated_cost numeric(18, 6) not null default 0,
  unpriced_calls bigint not null default 0,
  primary key (team_id, provider, model, week, agent_id) include (fleet_id, reported_cost, estimated_cost)
);

alter table cost_agent_weekly enable row level security;
alter table cost_agent_model_weekly enable row level security;

insert into cost_agent_weekly (team_id, week, agent_id, fleet_id, input_tokens, output_tokens, calls, reported_cost, estimated_cost, unpriced_calls)
select team_id, date_trunc('week', day)::date, agent_id, (array_agg(fleet_id))[1], sum(input_tokens), sum(output_tokens), sum(calls),
  sum(reported_cost), sum(estimated_cost), sum(unpriced_calls)
from cost_agent_daily group by team_id, date_trunc('week', day)::date, agent_id;

insert into cost_agent_model_weekly (team_id, provider, model, week, agent_id, fleet_id, input_tokens, output_tokens, calls, reported_cost,
  estimated_cost, unpriced_calls)
select team_id, provider, model, date_trunc('week', day)::date, agent_id, (array_agg(fleet_id))[1], sum(input_tokens), sum(output_tokens),
  sum(calls), sum(reported_cost), sum(estimated_cost), sum(unpriced_calls)
from cost_agent_model_daily group by team_id, provider, model, date_trunc('week', day)::date, agent_id;
