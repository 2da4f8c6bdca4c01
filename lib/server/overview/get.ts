import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Sql } from "@/lib/db/client";
import { AGENT_STATUSES, type AgentStatus } from "@/lib/schemas/agents";
import type { AgentEvent, Overview, OverviewQuery, RegionCell } from "@/lib/schemas/overview";
import { AGENT_COLUMNS, toAgent, type AgentRow } from "../agents/get";

const zero = () => Object.fromEntries(AGENT_STATUSES.map((s) => [s, 0])) as Record<AgentStatus, number>;
const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

type EventRow = { id: string; agent_id: string; name: string; fleet_id: string; from_status: string; to_status: string; created_at: Date };
const toEvent = (r: EventRow): AgentEvent => ({
  id: String(r.id), agentId: r.agent_id, agentName: r.name, fleetId: r.fleet_id, from: r.from_status, to: r.to_status, at: r.created_at.toISOString(),
});

/** Recent status changes of the team (or one fleet, or one agent), newest first. */
export async function recentAgentEvents(sql: Sql, teamId: string, where: { fleetId?: string; agentId?: string }, limit: number) {
  const rows = await sql<EventRow[]>`
    select e.id, e.agent_id, a.name, e.fleet_id, e.from_status, e.to_status, e.created_at
    from agent_events e join agents a on a.id = e.agent_id
    where e.team_id = ${teamId}
      ${where.fleetId ? sql`and a.fleet_id = ${where.fleetId}` : sql``}
      ${where.agentId ? sql`and e.agent_id = ${where.agentId}` : sql``}
    order by e.created_at desc, e.id desc limit ${limit}`;
  return rows.map(toEvent);
}

/** The fleet at a glance: counts by status, who needs attention, load and health by region, recent changes. */
export async function getOverview(ctx: TeamContext, query: OverviewQuery): Promise<Overview> {
  assertCan(ctx, "agent:read");
  const sql = await db();
  const fleet = query.fleetId ? sql`and a.fleet_id = ${query.fleetId}` : sql``;
  const [cells, attention, recentEvents] = await Promise.all([
    sql<{ region: string; status: AgentStatus; n: number; cpu_sum: number | null; cpu_n: number; cpu_max: number | null; load_sum: number | null; load_n: number }[]>`
      select a.region, a.status, count(*)::int as n,
        sum((a.metrics->>'cpuPct')::float8) filter (where a.status in ('online','degraded')) as cpu_sum,
        count(a.metrics->>'cpuPct') filter (where a.status in ('online','degraded'))::int as cpu_n,
        max((a.metrics->>'cpuPct')::float8) filter (where a.status in ('online','degraded')) as cpu_max,
        sum((a.metrics->>'load1')::float8) filter (where a.status in ('online','degraded')) as load_sum,
        count(a.metrics->>'load1') filter (where a.status in ('online','degraded'))::int as load_n
      from agents a where a.team_id = ${ctx.team.id} ${fleet}
      group by 1, 2`,
    sql<AgentRow[]>`
      select ${sql.unsafe(AGENT_COLUMNS)} from agents a
      where a.team_id = ${ctx.team.id} ${fleet} and a.status in ('offline', 'stale', 'degraded')
      order by array_position(array['offline','stale','degraded']::agent_status[], a.status), a.status_changed_at desc, a.id
      limit 8`,
    recentAgentEvents(sql, ctx.team.id, { fleetId: query.fleetId }, 10),
  ]);
  const counts = zero();
  const regions = new Map<string, RegionCell & { cpuSum: number; cpuN: number; loadSum: number; loadN: number }>();
  for (const c of cells) {
    counts[c.status] += c.n;
    const r = regions.get(c.region) ?? { region: c.region, total: 0, counts: zero(), avgCpuPct: null, maxCpuPct: null, avgLoad1: null, cpuSum: 0, cpuN: 0, loadSum: 0, loadN: 0 };
    r.total += c.n;
    r.counts[c.status] += c.n;
    r.cpuSum += c.cpu_sum ?? 0;
    r.cpuN += c.cpu_n;
    r.loadSum += c.load_sum ?? 0;
    r.loadN += c.load_n;
    if (c.cpu_max !== null) r.maxCpuPct = Math.max(r.maxCpuPct ?? 0, c.cpu_max);
    regions.set(c.region, r);
  }
  return {
    total: cells.reduce((s, c) => s + c.n, 0),
    counts,
    attention: attention.map(toAgent),
    regions: [...regions.values()]
      .map(({ cpuSum, cpuN, loadSum, loadN, ...r }) => ({ ...r, avgCpuPct: cpuN ? round(cpuSum / cpuN) : null, avgLoad1: loadN ? round(loadSum / loadN) : null, maxCpuPct: round(r.maxCpuPct) }))
      .sort((a, b) => (a.region || "~").localeCompare(b.region || "~")),
    recentEvents,
  };
}
