// Seeds agents and their heartbeat history in SQL, straight into the server's embedded PostgreSQL.
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

export type Sql = postgres.Sql;
export type SeededAgent = { id: string; ord: number; status: string; lastSeen: number };
export type SeedReport = { rows: number; seconds: number; rowsPerS: number; vacuumAnalyzeS: number; partitions: number; heartbeatsGiB: number };

export const REGIONS = ["us-east", "us-west", "eu-west", "eu-central", "ap-southeast", "ap-northeast", "sa-east", "af-south"];

/** The superuser URL of the embedded PostgreSQL serving a server's DATA_DIR. */
export function embeddedUrl(dataDir: string): string {
  const port = readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[3];
  const password = readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/**
 * N agents spread over the fleets, eight regions and every status (70 % online, 10 % degraded,
 * 6 % stale, 10 % offline, 4 % paused), with the latest state a heartbeat leaves on the row.
 */
export async function seedAgents(sql: Sql, teamId: string, fleetIds: string[], count: number, days: number): Promise<SeededAgent[]> {
  const rows = await sql<{ id: string; ord: number; status: string; last_seen: number }[]>`
    with g as (
      select i, (${REGIONS}::text[])[1 + i % 8] as region,
        (case when (i * 7919) % 100 < 70 then 'online' when (i * 7919) % 100 < 80 then 'degraded'
          when (i * 7919) % 100 < 86 then 'stale' when (i * 7919) % 100 < 96 then 'offline' else 'paused' end)::agent_status as status
      from generate_series(1, ${count}) as i
    ), s as (
      select g.*, now() - make_interval(secs => case g.status when 'stale' then 95 + i % 150
        when 'offline' then 600 + (i * 37) % 20000 else i % 30 end) as seen,
        (15 + i % 40 + 10 * random())::numeric(5, 1) as cpu
      from g
    )
    insert into agents (team_id, fleet_id, name, region, tags, status, hostname, heartbeat_interval_s, paired_at, last_seen_at,
      last_seq, policy_version, gateway, host, metrics, status_changed_at, created_at)
    select ${teamId}, (${fleetIds}::uuid[])[1 + i % ${fleetIds.length}::int], 'agent-' || i, region,
      array['tier-' || i % 3, (array['prod','prod','staging','dev'])[1 + i % 4], 'pool-' || i % 12], status,
      'oc-' || region || '-' || i, 30, now() - make_interval(days => ${days + 1}::int), seen,
      greatest(0, floor((extract(epoch from seen) - extract(epoch from now()) + ${days * 86400}::int - i % 30) / 30) + 1)::bigint, 1,
      jsonb_build_object('url', 'http://127.0.0.1:18789', 'reachable', true, 'healthy', status <> 'degraded',
        'rttMs', case when status = 'degraded' then 420.5 else 2 + i % 7 end, 'version', '2026.9.6'),
      jsonb_build_object('hostname', 'oc-' || region || '-' || i, 'os', 'linux', 'arch', 'x64', 'uptimeS', 86400 * (1 + i % 20)),
      jsonb_build_object('cpuPct', cpu, 'memUsedPct', 35 + i % 45, 'memPressurePct', (i % 10) / 10.0,
        'diskReadBps', 2000 + i % 9000, 'diskWriteBps', 8000 + i % 30000, 'load1', round(cpu / 30, 2)),
      seen - make_interval(mins => i % 300), now() - make_interval(days => ${days + 1}::int, secs => i)
    from s
    returning id, (regexp_replace(name, '^agent-', ''))::int as ord, status::text, extract(epoch from last_seen_at)::float8 as last_seen`;
  await sql`
    insert into agent_events (team_id, agent_id, fleet_id, from_status, to_status, created_at)
    select team_id, id, fleet_id, 'online', status::text, status_changed_at from agents
    where team_id = ${teamId} and status <> 'online'`;
  await sql`analyze agents`;
  return rows.map((r) => ({ id: r.id, ord: r.ord, status: r.status, lastSeen: r.last_seen })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Rows each agent gets: one every 30 s (phase ord % 30 s) from `start` until its last heartbeat. */
const beatsOf = (a: SeededAgent, start: number) => Math.max(0, Math.floor((a.lastSeen - start - (a.ord % 30)) / 30) + 1);

/**
 * History for the given agents: one row per agent every 30 s over `days` days, inserted day
 * partition by day partition (a worker per partition, agents in index order), then analysed.
 */
export async function seedHistory(url: string, teamId: string, agents: SeededAgent[], days: number, parallel: number): Promise<SeedReport> {
  const sql = postgres(url, { max: parallel + 1, onnotice: () => {} });
  const t0 = performance.now();
  try {
    await sql`select ensure_heartbeat_partitions(current_date - ${days + 1}::int, ${days + 3}::int)`;
    // A bulk load: fewer checkpoints, and no autovacuum of half-loaded partitions while it runs;
    // the server's settings come back afterwards and one vacuum leaves the state autovacuum would.
    await sql`alter system set max_wal_size = '4GB'`;
    await sql`alter system set autovacuum = off`;
    await sql`select pg_reload_conf()`;
    const [{ start } = { start: 0 }] = await sql<{ start: number }[]>`select floor(extract(epoch from now()) - ${days * 86400}::int)::float8 as start`;
    const parts = await sql<{ name: string; d0: number; d1: number }[]>`
      select 'heartbeats_' || to_char(d, 'YYYYMMDD') as name, extract(epoch from d::date::timestamptz)::float8 as d0,
        extract(epoch from (d::date + 1)::timestamptz)::float8 as d1
      from generate_series(to_timestamp(${start}::float8)::date, current_date, interval '1 day') as d`;
    const total = agents.reduce((s, a) => s + beatsOf(a, start), 0);
    const span = (p: { d0: number; d1: number }) => Math.min(p.d1, Date.now() / 1000) - Math.max(p.d0, start);
    const queue = [...parts].sort((a, b) => span(b) - span(a));
    let done = 0;
    const worker = async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        for (let i = 0; i < agents.length; i += 500) {
          // Awaited first: `done += await …` would read `done` before the other worker adds to it.
          const { count } = await insertChunk(sql, part.name, teamId, agents.slice(i, i + 500), start, part.d0, part.d1);
          done += count;
          const s = (performance.now() - t0) / 1000;
          process.stdout.write(`\rhistory: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} rows (${((100 * done) / total).toFixed(1)} %), ${Math.round(done / s).toLocaleString("en")} rows/s, ${Math.round(s)} s   `);
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    process.stdout.write("\n");
    const seconds = (performance.now() - t0) / 1000;
    await sql`alter system reset max_wal_size`;
    await sql`alter system reset autovacuum`;
    await sql`select pg_reload_conf()`;
    const t1 = performance.now();
    await sql`vacuum (analyze) heartbeats`;
    const vacuumS = Math.round((performance.now() - t1) / 1000);
    const [size] = await sql<{ bytes: number; n: number }[]>`
      select sum(pg_total_relation_size(i.inhrelid))::float8 as bytes, count(*) filter (where c.reltuples > 0)::int as n
      from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'heartbeats'::regclass`;
    return { rows: done, seconds: Math.round(seconds), rowsPerS: Math.round(done / seconds), vacuumAnalyzeS: vacuumS, partitions: size?.n ?? 0, heartbeatsGiB: +((size?.bytes ?? 0) / 2 ** 30).toFixed(2) };
  } finally {
    await sql.end();
  }
}

/**
 * One partition's rows for 500 agents: daily CPU cycle, slow memory waves, rare unhealthy beats.
 * Agents in id order, each agent's newest first: every entry lands at the right end of the
 * (agent_id, received_at desc) index, which then splits full pages instead of halving them.
 */
function insertChunk(tx: Sql, part: string, teamId: string, agents: SeededAgent[], start: number, d0: number, d1: number) {
  const recent = Date.now() / 1000 - 1800;
  return tx`
    insert into ${tx(part)} (team_id, agent_id, received_at, seq, sent_at, status, gateway_reachable, gateway_healthy,
      gateway_rtt_ms, cpu_pct, mem_used_pct, mem_pressure_pct, disk_read_bps, disk_write_bps, load1)
    select ${teamId}::uuid, u.id, to_timestamp(x.t), x.k + 1, to_timestamp(x.t - 0.05), case when x.bad then 'degraded' else 'ok' end,
      true, not x.bad, case when x.bad then 300 + 700 * random() else 1.5 + u.ord % 8 + 3 * random() end,
      x.cpu, least(100, 35 + u.ord % 45 + 4 * sin(x.t / 5400.0 + u.ord) + random()),
      greatest(0, 3 * sin(x.t / 2700.0 + u.ord) - 1) + 0.3 * random(), 2000 + 30000 * random() * random(),
      8000 + 40000 * abs(sin(x.t / 600.0 + u.ord)) + 5000 * random(), x.cpu / 30 + 0.5 * random()
    from unnest(${agents.map((a) => a.id)}::uuid[], ${agents.map((a) => a.ord)}::int[], ${agents.map((a) => a.lastSeen)}::float8[],
      ${agents.map((a) => a.status)}::text[]) as u(id, ord, last, status)
    cross join lateral (
      select k, t, (u.ord::bigint * 7919 + k::bigint * 104729) % 997 = 0 or (u.status = 'degraded' and t > ${recent}::float8) as bad,
        least(100, greatest(0, 15 + u.ord % 40 + 12 * sin(2 * pi() * t / 86400 + u.ord) + 8 * random())) as cpu
      from generate_series(floor((least(${d1}::float8 - 0.001, u.last) - ${start}::float8 - u.ord % 30) / 30.0)::int,
        greatest(0, ceil((${d0}::float8 - ${start}::float8 - u.ord % 30) / 30.0))::int, -1) as k,
        lateral (select ${start}::float8 + u.ord % 30 + 30 * k as t) as tt
    ) as x`;
}
