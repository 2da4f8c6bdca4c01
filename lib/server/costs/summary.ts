import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { notFound } from "@/lib/api/errors";
import { db, type Sql } from "@/lib/db/client";
import type { CostMoney, CostQuery, CostSummary } from "@/lib/schemas/costs";
import { forecastOf, monthWindow } from "./month";
import { spendByDay, topAgents, type Filters, type SpendRow } from "./spend";

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const zero = (): CostMoney => ({ costUsd: 0, reportedUsd: 0, estimatedUsd: 0, unpricedCalls: 0, inputTokens: 0, outputTokens: 0, calls: 0 });
const round = (n: number) => Math.round(n * 1e6) / 1e6;

const MONEY_KEYS = Object.keys(zero()) as (keyof CostMoney)[];

function add<T extends CostMoney>(into: T, r: CostMoney): T {
  for (const k of MONEY_KEYS) into[k] = round(into[k] + r[k]);
  return into;
}

function groupBy<K extends string>(rows: SpendRow[], key: (r: SpendRow) => string, extra: (r: SpendRow) => Record<K, string>) {
  const out = new Map<string, CostMoney & Record<K, string>>();
  for (const r of rows) {
    const k = key(r);
    const g = out.get(k) ?? { ...extra(r), ...zero() };
    out.set(k, add(g, r));
  }
  return [...out.values()].sort((a, b) => b.costUsd - a.costUsd);
}

/** The range asked for (default: last month and this month to today, UTC: whole months, read from the monthly rollups). */
export function rangeOf(q: Pick<CostQuery, "from" | "to">, now = Date.now()): { from: string; to: string } {
  const to = q.to ?? isoDay(now);
  const d = new Date(Date.parse(to));
  return { from: q.from ?? isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)), to };
}

/** Fails with 404 when the agent or fleet filtered on is not the team's. */
export async function checkScope(sql: Sql, teamId: string, q: CostQuery) {
  if (q.agentId) {
    const [a] = isUuid(q.agentId) ? await sql`select 1 from agents where id = ${q.agentId} and team_id = ${teamId}` : [];
    if (!a) throw notFound("Agent");
  }
  if (q.fleetId) {
    const [f] = isUuid(q.fleetId) ? await sql`select 1 from fleets where id = ${q.fleetId} and team_id = ${teamId}` : [];
    if (!f) throw notFound("Fleet");
  }
}

/** The month so far and where it is heading: the last seven days' average for each day left. */
async function monthOf(sql: Sql, teamId: string, q: CostQuery, now: number): Promise<CostSummary["month"]> {
  const w = monthWindow(new Date(now));
  const rows = await spendByDay(sql, teamId, { ...q, from: w.first < w.weekAgo ? w.first : w.weekAgo, to: w.today });
  const toDate = rows.filter((r) => r.day >= w.first).reduce((t, r) => t + r.costUsd, 0);
  const lastWeek = rows.filter((r) => r.day >= w.weekAgo).reduce((t, r) => t + r.costUsd, 0);
  const { spentUsd, forecastUsd } = forecastOf(w, toDate, lastWeek);
  return { month: w.month, toDateUsd: spentUsd, forecastUsd, daysElapsed: w.daysElapsed, daysInMonth: w.daysInMonth };
}

/** Spend for the costs page: per day and model, by model, provider, fleet and agent, and the month's forecast. */
export async function summariseCosts(ctx: TeamContext, q: CostQuery, now = Date.now()): Promise<CostSummary> {
  assertCan(ctx, "cost:read");
  const sql = await db();
  const teamId = ctx.team.id;
  await checkScope(sql, teamId, q);
  const f: Filters = { ...q, ...rangeOf(q, now) };
  const [rows, agents, month] = await Promise.all([spendByDay(sql, teamId, f), topAgents(sql, teamId, f, 10), monthOf(sql, teamId, q, now)]);
  const byFleet = groupBy(rows, (r) => r.fleetId, (r) => ({ fleetId: r.fleetId }));
  const names = new Map(
    byFleet.length === 0
      ? []
      : (await sql<{ id: string; name: string }[]>`select id, name from fleets where team_id = ${teamId} and id = any(${byFleet.map((b) => b.fleetId)}::uuid[])`).map((r) => [r.id, r.name]),
  );
  const daily = groupBy(rows, (r) => `${r.day}|${r.provider}|${r.model}`, (r) => ({ day: r.day, provider: r.provider, model: r.model }));
  return {
    from: f.from,
    to: f.to,
    totals: rows.reduce((t, r) => add(t, r), zero()),
    daily: daily.sort((a, b) => a.day.localeCompare(b.day) || b.costUsd - a.costUsd),
    byModel: groupBy(rows, (r) => `${r.provider}|${r.model}`, (r) => ({ provider: r.provider, model: r.model })),
    byProvider: groupBy(rows, (r) => r.provider, (r) => ({ provider: r.provider })),
    byFleet: byFleet.map((b) => ({ ...b, name: names.get(b.fleetId) ?? null })),
    topAgents: agents,
    month,
  };
}
