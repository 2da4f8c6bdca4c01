import type { Sql, Tx } from "@/lib/db/client";
import { modelOf, providerOf, shareOf } from "./share";

/** Stored usage to price: a team (or all), an agent or fleet, a provider, a model as reported or names by prefix, days. */
export type ShareScope = {
  teamId?: string;
  agentId?: string;
  fleetId?: string;
  provider?: string;
  model?: string;
  prefixes?: string[];
  from?: string;
  to?: string;
};

const BASE = `
  select team_id, agent_id, day, provider, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd,
    missing_cost_entries, calls::bigint as calls
  from usage_daily
  union all
  select team_id, agent_id, (hour at time zone 'utc')::date, ${providerOf("model")}, ${modelOf("model")}, input_tokens, output_tokens, 0, 0,
    cost_usd, case when cost_usd > 0 then 0 else calls end, calls
  from usage_hourly`;

/**
 * Every stored usage record in the scope with its share of spend (share.ts) at today's catalogue:
 * columns team_id, fleet_id, agent_id, day, provider, model, the tokens, calls, reported_cost,
 * estimated_cost and unpriced_calls. Prices are looked up once per name and day, not per record.
 */
export function baseShares(sql: Sql | Tx, scope: ShareScope) {
  const v = <T>(x: T | undefined) => x ?? null;
  const prefixes = scope.prefixes?.map((p) => p.toLowerCase()) ?? null;
  return sql`
    with base as (${sql.unsafe(BASE)}),
    scoped as (
      select b.*, a.fleet_id from base b join agents a on a.id = b.agent_id
      where (${v(scope.teamId)}::uuid is null or b.team_id = ${v(scope.teamId)}::uuid)
        and (${v(scope.agentId)}::uuid is null or b.agent_id = ${v(scope.agentId)}::uuid)
        and (${v(scope.fleetId)}::uuid is null or a.fleet_id = ${v(scope.fleetId)}::uuid)
        and (${v(scope.provider)}::text is null or lower(b.provider) = lower(${v(scope.provider)}::text))
        and (${v(scope.model)}::text is null or b.model = ${v(scope.model)}::text)
        and (${v(scope.from)}::date is null or b.day >= ${v(scope.from)}::date)
        and (${v(scope.to)}::date is null or b.day <= ${v(scope.to)}::date)
        and (${prefixes}::text[] is null or exists (select 1 from unnest(${prefixes}::text[]) x where left(lower(b.model), char_length(x)) = x))
    ),
    keys as (select distinct team_id, provider, model, day from scoped),
    priced as (select k.*, pr.* from keys k left join lateral price_at(k.team_id, k.provider, k.model, k.day) pr on true)
    select s.team_id, s.fleet_id, s.agent_id, s.day, s.provider, s.model, s.input_tokens, s.output_tokens,
      s.cache_read_tokens, s.cache_write_tokens, s.calls, ${sql.unsafe(shareOf("s", "p"))}
    from scoped s join priced p on p.team_id = s.team_id and p.provider = s.provider and p.model = s.model and p.day = s.day`;
}
