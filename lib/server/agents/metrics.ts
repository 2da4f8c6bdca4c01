import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { HeartbeatRow, MetricPoint, MetricsQuery } from "@/lib/schemas/metrics";
import { getAgentInTeam } from "./get";

const num = (v: number | string | null) => (v === null ? null : Number(v));

/** For a chart of one of the team's agents: the pool, and the window cut into at most `points` buckets of `bucketS` seconds from `origin`. */
export async function chartWindow(ctx: TeamContext, agentId: string, query: MetricsQuery) {
  assertCan(ctx, "agent:read");
  const sql = await db();
  await getAgentInTeam(sql, ctx.team.id, agentId);
  const spanS = (query.to.getTime() - query.from.getTime()) / 1000;
  return { sql, bucketS: Math.max(1, Math.ceil(spanS / query.points)), origin: Math.floor(query.from.getTime() / 1000) };
}

/**
 * An agent's history reduced to at most `points` time buckets (average and peak per bucket), so a
 * week of 30-second heartbeats is a few hundred points. Reads only the index (it carries the columns).
 */
export async function getAgentMetrics(ctx: TeamContext, agentId: string, query: MetricsQuery) {
  const { sql, bucketS, origin } = await chartWindow(ctx, agentId, query);
  type Row = Record<Exclude<keyof MetricPoint, "t" | "samples">, number | null> & { b: number; samples: number };
  const rows = await sql<Row[]>`
    select floor((extract(epoch from received_at) - ${origin}) / ${bucketS})::int as b, count(*)::int as samples,
      avg(cpu_pct)::real as "cpuPct", max(cpu_pct) as "cpuPctMax", avg(mem_used_pct)::real as "memUsedPct",
      avg(mem_pressure_pct)::real as "memPressurePct", max(mem_pressure_pct) as "memPressurePctMax",
      avg(disk_read_bps)::float8 as "diskReadBps", avg(disk_write_bps)::float8 as "diskWriteBps", avg(load1)::real as load1,
      avg(gateway_rtt_ms)::real as "rttMs", max(gateway_rtt_ms) as "rttMsMax"
    from heartbeats
    where agent_id = ${agentId} and received_at >= ${query.from} and received_at < ${query.to}
    group by 1 order by 1`;
  const points: MetricPoint[] = rows.map(({ b, samples, ...v }) => ({
    t: new Date((origin + b * bucketS) * 1000).toISOString(),
    samples,
    cpuPct: num(v.cpuPct), cpuPctMax: num(v.cpuPctMax), memUsedPct: num(v.memUsedPct),
    memPressurePct: num(v.memPressurePct), memPressurePctMax: num(v.memPressurePctMax),
    diskReadBps: num(v.diskReadBps), diskWriteBps: num(v.diskWriteBps), load1: num(v.load1),
    rttMs: num(v.rttMs), rttMsMax: num(v.rttMsMax),
  }));
  return { from: query.from.toISOString(), to: query.to.toISOString(), bucketS, points };
}

/** The agent's most recent heartbeats, newest first. */
export async function listRecentHeartbeats(ctx: TeamContext, agentId: string, limit: number): Promise<HeartbeatRow[]> {
  assertCan(ctx, "agent:read");
  const sql = await db();
  await getAgentInTeam(sql, ctx.team.id, agentId);
  const rows = await sql<{ received_at: Date; seq: string; status: string; gateway_healthy: boolean | null; gateway_rtt_ms: number | null; cpu_pct: number | null; mem_used_pct: number | null }[]>`
    select received_at, seq, status, gateway_healthy, gateway_rtt_ms, cpu_pct, mem_used_pct
    from heartbeats where agent_id = ${agentId} and received_at > now() - interval '7 days'
    order by received_at desc limit ${limit}`;
  return rows.map((r) => ({
    receivedAt: r.received_at.toISOString(), seq: Number(r.seq), status: r.status, gatewayHealthy: r.gateway_healthy,
    rttMs: r.gateway_rtt_ms, cpuPct: r.cpu_pct, memUsedPct: r.mem_used_pct,
  }));
}
