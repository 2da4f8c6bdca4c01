import type { Sql } from "@/lib/db/client";
import type { CostMoney, CostQuery } from "@/lib/schemas/costs";

export type SpendRow = CostMoney & { day: string; provider: string; model: string; fleetId: string };
export type AgentSpendRow = CostMoney & { agentId: string; fleetId: string; name: string | null };
export type Filters = Pick<CostQuery, "fleetId" | "agentId" | "provider" | "model"> & { from: string; to: string };

const MONEY = `sum(reported_cost + estimated_cost)::float8 as "costUsd", sum(reported_cost)::float8 as "reportedUsd",
  sum(estimated_cost)::float8 as "estimatedUsd", sum(unpriced_calls)::int8 as "unpricedCalls", sum(input_tokens)::float8 as "inputTokens",
  sum(output_tokens)::float8 as "outputTokens", sum(calls)::int8 as calls`;

const v = <T>(x: T | undefined) => x ?? null;

/** Spend per day, provider, model and fleet: the fleet rollup, or the agent-and-model one for one agent. */
export async function spendByDay(sql: Sql, teamId: string, f: Filters): Promise<SpendRow[]> {
  const source = f.agentId ? sql`cost_agent_model_daily` : sql`cost_fleet_daily`;
  const rows = await sql<SpendRow[]>`
    select to_char(day, 'YYYY-MM-DD') as day, provider, model, fleet_id as "fleetId", ${sql.unsafe(MONEY)}
    from ${source} s
    where team_id = ${teamId} and day between ${f.from}::date and ${f.to}::date
      ${f.agentId ? sql`and agent_id = ${f.agentId}` : sql``}
      and (${v(f.fleetId)}::uuid is null or fleet_id = ${v(f.fleetId)}::uuid)
      and (${v(f.provider)}::text is null or provider = ${v(f.provider)}::text)
      and (${v(f.model)}::text is null or model = ${v(f.model)}::text)
    group by day, provider, model, fleet_id
    order by day, provider, model`;
  return rows.map((r) => ({ ...r, unpricedCalls: Number(r.unpricedCalls), calls: Number(r.calls) }));
}

/**
 * The costliest agents in the range: the agent rollup, or the agent-and-model one when a model or
 * agent is asked for. Ranked on cost alone first; the other figures are summed for those agents
 * only, through each agent's own index.
 */
export async function topAgents(sql: Sql, teamId: string, f: Filters, limit: number): Promise<AgentSpendRow[]> {
  const byModel = Boolean(f.provider || f.model || f.agentId);
  const source = byModel ? sql`cost_agent_model_daily` : sql`cost_agent_daily`;
  const filters = sql`team_id = ${teamId} and day between ${f.from}::date and ${f.to}::date
    and (${v(f.fleetId)}::uuid is null or fleet_id = ${v(f.fleetId)}::uuid)
    ${byModel
      ? sql`and (${v(f.agentId)}::uuid is null or agent_id = ${v(f.agentId)}::uuid)
        and (${v(f.provider)}::text is null or provider = ${v(f.provider)}::text)
        and (${v(f.model)}::text is null or model = ${v(f.model)}::text)`
      : sql``}`;
  const rows = await sql<AgentSpendRow[]>`
    with ranked as (
      select agent_id, sum(reported_cost + estimated_cost) as cost from ${source} where ${filters}
      group by agent_id order by cost desc, agent_id limit ${limit}
    )
    select r.agent_id as "agentId", coalesce(a.fleet_id, x.fleet_id) as "fleetId", a.name, x."costUsd", x."reportedUsd", x."estimatedUsd",
      x."unpricedCalls", x."inputTokens", x."outputTokens", x.calls
    from ranked r
    cross join lateral (select max(fleet_id::text)::uuid as fleet_id, ${sql.unsafe(MONEY)} from ${source} s where s.agent_id = r.agent_id and ${filters}) x
    left join agents a on a.id = r.agent_id and a.team_id = ${teamId}
    order by r.cost desc, r.agent_id`;
  return rows.map((r) => ({ ...r, unpricedCalls: Number(r.unpricedCalls), calls: Number(r.calls) }));
}
