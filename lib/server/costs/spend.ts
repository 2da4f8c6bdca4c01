import type { Sql } from "@/lib/db/client";
import type { CostMoney, CostQuery } from "@/lib/schemas/costs";

export type SpendRow = CostMoney & { day: string; provider: string; model: string; fleetId: string };
export type AgentSpendRow = CostMoney & { agentId: string; fleetId: string; name: string | null };
export type Filters = Pick<CostQuery, "fleetId" | "agentId" | "provider" | "model"> & { from: string; to: string };

const MONEY = `sum(reported_cost + estimated_cost)::float8 as "costUsd", sum(reported_cost)::float8 as "reportedUsd",
  sum(estimated_cost)::float8 as "estimatedUsd", sum(unpriced_calls)::int8 as "unpricedCalls", sum(input_tokens)::float8 as "inputTokens",
  sum(output_tokens)::float8 as "outputTokens", sum(calls)::int8 as calls`;

/**
 * The filters asked for, and only those: a clause such as `($1 is null or fleet_id = $1)` would
 * leave a prepared statement's generic plan unable to use the rollups' keys.
 */
function only(sql: Sql, f: Pick<Filters, "agentId" | "fleetId" | "provider" | "model">) {
  const clauses = [
    f.agentId ? sql`and agent_id = ${f.agentId}` : null,
    f.fleetId ? sql`and fleet_id = ${f.fleetId}` : null,
    f.provider ? sql`and provider = ${f.provider}` : null,
    f.model ? sql`and model = ${f.model}` : null,
  ].filter((c) => c !== null);
  return clauses.reduce((all, c) => sql`${all} ${c}`, sql``);
}

/** Spend per day, provider, model and fleet: the fleet rollup, or the agent-and-model one for one agent. */
export async function spendByDay(sql: Sql, teamId: string, f: Filters): Promise<SpendRow[]> {
  const source = f.agentId ? sql`cost_agent_model_daily` : sql`cost_fleet_daily`;
  const rows = await sql<SpendRow[]>`
    select to_char(day, 'YYYY-MM-DD') as day, provider, model, fleet_id as "fleetId", ${sql.unsafe(MONEY)}
    from ${source} s
    where team_id = ${teamId} and day between ${f.from}::date and ${f.to}::date
      ${only(sql, f)}
    group by day, provider, model, fleet_id
    order by day, provider, model`;
  return rows.map((r) => ({ ...r, unpricedCalls: Number(r.unpricedCalls), calls: Number(r.calls) }));
}

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const monthEnd = (day: string) => isoDay(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0));
const nextMonth = (day: string) => isoDay(Date.parse(monthEnd(day)) + DAY_MS);

const weekday = (day: string) => (new Date(Date.parse(day)).getUTCDay() + 6) % 7; // Monday 0
const plusDays = (day: string, n: number) => isoDay(Date.parse(day) + n * DAY_MS);

export type RangeParts = { months: string[]; weeks: string[]; spans: [string, string][] };

/**
 * A range as whole months (read from the monthly rollups), then whole ISO weeks (the weekly ones),
 * then the days left at either end (the daily ones, at most six at each end of a stretch).
 * A month or week counts as whole once the range covers it up to today.
 */
export function splitRange(from: string, to: string, today: string): RangeParts {
  const parts: RangeParts = { months: [], weeks: [], spans: [] };
  const loose: [string, string][] = [];
  const addTo = (spans: [string, string][], start: string, end: string) => {
    const last = spans.at(-1);
    if (last && plusDays(last[1], 1) === start) last[1] = end;
    else spans.push([start, end]);
  };
  for (let m = monthStart(from); m <= to; m = nextMonth(m)) {
    const start = m < from ? from : m;
    const end = monthEnd(m) > to ? to : monthEnd(m);
    if (start === m && end >= (monthEnd(m) < today ? monthEnd(m) : today)) parts.months.push(m);
    else addTo(loose, start, end);
  }
  for (const [start, end] of loose) {
    let day = start;
    while (day <= end) {
      const sunday = plusDays(day, 6 - weekday(day));
      const whole = weekday(day) === 0 && end >= (sunday < today ? sunday : today);
      if (whole) parts.weeks.push(day);
      else addTo(parts.spans, day, sunday < end ? sunday : end);
      day = plusDays(sunday, 1);
    }
  }
  return parts;
}

/**
 * The costliest agents in the range, from the per-agent rollups (per agent and model when a model
 * or agent is asked for): whole months and weeks from their own rollups, the days at either end from the daily.
 */
export async function topAgents(sql: Sql, teamId: string, f: Filters, limit: number, today = isoDay(Date.now())): Promise<AgentSpendRow[]> {
  const byModel = Boolean(f.provider || f.model || f.agentId);
  const [daily, weekly, monthly] = byModel
    ? [sql`cost_agent_model_daily`, sql`cost_agent_model_weekly`, sql`cost_agent_model_monthly`]
    : [sql`cost_agent_daily`, sql`cost_agent_weekly`, sql`cost_agent_monthly`];
  const filters = sql`team_id = ${teamId} ${only(sql, byModel ? f : { fleetId: f.fleetId })}`;
  const { months, weeks, spans } = splitRange(f.from, f.to, today);
  if (months.length === 0 && weeks.length === 0 && spans.length === 0) return [];
  // Whole months and weeks from their rollups, loose days from the daily one; `only` narrows to some agents.
  const union = (cols: ReturnType<typeof sql>, only: ReturnType<typeof sql>) =>
    [
      ...(months.length ? [sql`select ${cols} from ${monthly} where ${filters} ${only} and month = any(${months}::date[])`] : []),
      ...(weeks.length ? [sql`select ${cols} from ${weekly} where ${filters} ${only} and week = any(${weeks}::date[])`] : []),
      ...spans.map(([a, b]) => sql`select ${cols} from ${daily} where ${filters} ${only} and day between ${a}::date and ${b}::date`),
    ].reduce((all, part) => sql`${all} union all ${part}`);
  // Ranked on cost alone (covering indexes answer it), then summed in full for those agents only.
  const ranked = sql`
    select agent_id, sum(cost) as cost from (${union(sql`agent_id, reported_cost + estimated_cost as cost`, sql``)}) p
    group by agent_id order by cost desc, agent_id limit ${limit}`;
  const rows = await sql<AgentSpendRow[]>`
    select r.agent_id as "agentId", coalesce(a.fleet_id, x."fleetId") as "fleetId", a.name, x."costUsd", x."reportedUsd", x."estimatedUsd",
      x."unpricedCalls", x."inputTokens", x."outputTokens", x.calls
    from (${ranked}) r
    cross join lateral (
      select max(fleet_id::text)::uuid as "fleetId", ${sql.unsafe(MONEY)}
      from (${union(sql`agent_id, fleet_id, input_tokens, output_tokens, calls, reported_cost, estimated_cost, unpriced_calls`, sql`and agent_id = r.agent_id`)}) p
    ) x
    left join agents a on a.id = r.agent_id and a.team_id = ${teamId}
    order by x."costUsd" desc, r.agent_id`;
  return rows.map((r) => ({ ...r, unpricedCalls: Number(r.unpricedCalls), calls: Number(r.calls) }));
}
