import type { Sql, Tx } from "@/lib/db/client";
import { modelRows } from "../prices/list-models";

const DAY_MS = 86_400_000;
export const WINDOW_DAYS = 30;
// Real volume: a dollar of spend in the window, or 100k tokens.
export const MIN_TOKENS = 100_000;
export const MIN_COST_USD = 1;

type PriceJson = { input_per_mtok: number; output_per_mtok: number; cache_read_per_mtok: number; cache_write_per_mtok: number };
export type CandidateRow = {
  agent_id: string; agent_name: string; fleet_id: string; provider: string; model: string; first_day: string;
  input_tokens: number; output_tokens: number; cache_read_tokens: number; cache_write_tokens: number;
  tier: string; from_name: string | null; from_price: PriceJson; to_provider: string; to_model: string; to_name: string | null; to_price: PriceJson;
};

/**
 * Every (agent, model in use, cheaper-tier-mate) the team could switch: the agent's own tokens per
 * model over the last 30 days (the per day, model and agent rollup the costs page reads), the model's tier in the team's catalogue, and each model of the same tier with a price
 * today that the team has not marked unavailable, from a provider its agents already use.
 */
export function adviceCandidates(sql: Sql | Tx, teamId: string, now: Date, agentId?: string) {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - (WINDOW_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return sql<CandidateRow[]>`
    with used as (
      select s.agent_id, lower(s.provider) as provider, lower(s.model) as model, to_char(min(s.day), 'YYYY-MM-DD') as first_day,
        sum(s.input_tokens)::float8 as input_tokens, sum(s.output_tokens)::float8 as output_tokens,
        sum(s.cache_read_tokens)::float8 as cache_read_tokens, sum(s.cache_write_tokens)::float8 as cache_write_tokens
      from cost_agent_model_daily s
      where s.team_id = ${teamId} and s.day between ${from}::date and ${to}::date and s.provider <> ''
        and (${agentId ?? null}::uuid is null or s.agent_id = ${agentId ?? null}::uuid)
      group by 1, 2, 3
      having sum(s.input_tokens + s.output_tokens + s.cache_read_tokens + s.cache_write_tokens) >= ${MIN_TOKENS}
        or sum(s.reported_cost + s.estimated_cost) >= ${MIN_COST_USD}
    ),
    providers as (select distinct lower(provider) as provider from cost_fleet_daily where team_id = ${teamId} and day between ${from}::date and ${to}::date),
    catalogue as (select * from (${modelRows(sql, teamId)}) m where m.tier is not null)
    select u.*, a.name as agent_name, a.fleet_id, c.tier, c.name as from_name, row_to_json(p) as from_price,
      t.provider as to_provider, t.model as to_model, t.name as to_name, t.price as to_price
    from used u join agents a on a.id = u.agent_id and a.team_id = ${teamId}
    join catalogue c on c.provider = u.provider and c.model = catalogue_model(${teamId}, u.provider, u.model) and c.tier is not null
    cross join lateral price_at(${teamId}, u.provider, u.model, ${to}::date) p
    join catalogue t on t.tier = c.tier and not t.unavailable and t.price is not null and (t.provider, t.model) <> (c.provider, c.model)
      and t.provider in (select provider from providers)`;
}
