import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import type { UsageRow } from "@/lib/schemas/usage";

type Row = Omit<UsageRow, "source"> & { source: "gateway" | "agent" };

/**
 * An agent's usage per UTC day and model over the last `days` days: what its gateway recorded and
 * priced (usage_daily), and what older agents reported as deltas (usage_hourly, summed by day).
 */
export async function listAgentUsage(ctx: TeamContext, agentId: string, days: number) {
  assertCan(ctx, "agent:read");
  const sql = await db();
  const [agent] = isUuid(agentId) ? await sql<{ usage_error: string | null }[]>`select usage_error from agents where id = ${agentId} and team_id = ${ctx.team.id}` : [];
  if (!agent) throw notFound("Agent");
  const since = sql`((now() at time zone 'utc')::date - ${days - 1}::int)`;
  const rows = await sql<Row[]>`
    select to_char(day, 'YYYY-MM-DD') as day, provider, model, input_tokens::float8 as "inputTokens", output_tokens::float8 as "outputTokens",
      cache_read_tokens::float8 as "cacheReadTokens", cache_write_tokens::float8 as "cacheWriteTokens", cost_usd::float8 as "costUsd",
      missing_cost_entries as "missingCostEntries", calls, 'gateway' as source
    from usage_daily where agent_id = ${agentId} and day >= ${since}
    union all
    select to_char((hour at time zone 'utc')::date, 'YYYY-MM-DD'), '', model, sum(input_tokens)::float8, sum(output_tokens)::float8, 0, 0,
      sum(cost_usd)::float8, 0, 0, 'agent'
    from usage_hourly where agent_id = ${agentId} and hour >= ${since}::timestamp at time zone 'utc'
    group by 1, 3
    order by 1 desc, 8 desc, 3`;
  const sum = (key: keyof Pick<UsageRow, "costUsd" | "inputTokens" | "outputTokens" | "cacheReadTokens" | "cacheWriteTokens" | "missingCostEntries">) =>
    rows.reduce((total, r) => total + Number(r[key]), 0);
  return {
    usage: rows.map((r) => ({ ...r, calls: Number(r.calls), missingCostEntries: Number(r.missingCostEntries) })),
    totals: {
      costUsd: Math.round(sum("costUsd") * 1e6) / 1e6,
      inputTokens: sum("inputTokens"),
      outputTokens: sum("outputTokens"),
      cacheReadTokens: sum("cacheReadTokens"),
      cacheWriteTokens: sum("cacheWriteTokens"),
      missingCostEntries: sum("missingCostEntries"),
    },
    usageError: agent.usage_error,
  };
}
