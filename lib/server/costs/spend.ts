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

/** The costliest agents in the range: the agent rollup, or the agent-and-model one when a model or agent is asked for. */
export async function topAgents(sql: Sql, teamId: string, f: Filters, limit: number): Promise<AgentSpendRow[]> {
  const byModel = Boolean(f.provider || f.model || f.agentId);
  const source = byModel ? sql`cost_agent_model_daily` : sql`cost_agent_daily`;
  const modelFilter = byModel
    ? sql`and (${v(f.agentId)}::uuid is null or agent_id = ${v(f.agentId)}::uuid)
        and (${v(f.provider)}::text is null or provider = ${v(f.provider)}::text)
        and (${v(f.model)}::text is null or model = ${v(f.model)}::text)`
    : sql``;
  const rows = await sql<AgentSpendRow[]>`
    select s."agentId", s."fleetId", a.name, s."costUsd", s."reportedUsd", s."estimatedUsd", s."unpricedCalls", s."inputTokens", s."outputTokens", s.calls
    from (
      select agent_id as "agentId", (array_agg(fleet_id order by day desc))[1] as "fleetId", ${sql.unsafe(MONEY)}
      from ${source} s
      where team_id = ${teamId} and day between ${f.from}::date and ${f.to}::date
        and (${v(f.fleetId)}::uuid is null or fleet_id = ${v(f.fleetId)}::uuid) ${modelFilter}
      group by agent_id
      order by 3 desc, agent_id
      limit ${limit}
    ) s left join agents a on a.id = s."agentId" and a.team_id = ${teamId}
    order by s."costUsd" desc, s."agentId"`;
  return rows.map((r) => ({ ...r, unpricedCalls: Number(r.unpricedCalls), calls: Number(r.calls) }));
}
