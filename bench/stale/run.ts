// bench/stale: the stale check over a large fleet where a few agents change, the idle check (nothing
// due) as the self-hosted scheduler runs it every few seconds, the purge of one day's history
// partition at a thousand and at a million rows (the jobs' own code against a fresh embedded
// PostgreSQL, no HTTP), and the detection delay on the production server (detection.ts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { checkStale } from "../../lib/server/jobs/check-stale";
import { dropRetired, purgeHistory } from "../../lib/server/jobs/purge";
import { cpuSeconds, percentile, postgresPids } from "../lib/server";
import { measureDetection } from "./detection";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const LATE = arg("late", 1000);
const REPEAT = arg("repeat", 5);
const DETECTION = arg("detection-agents", 1000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function seedFleet(sql: postgres.Sql, agents: number) {
  await sql`truncate agents, agent_events cascade`;
  const [team] = await sql<{ id: string }[]>`insert into teams (name) values ('bench') returning id`;
  const [fleet] = await sql<{ id: string }[]>`insert into fleets (team_id, name) values (${team?.id ?? ""}, 'big') returning id`;
  // Healthy agents heartbeat every 30 s (grace 60 s); the metrics columns carry realistic jsonb.
  await sql`
    insert into agents (team_id, fleet_id, name, region, status, heartbeat_interval_s, grace_s, last_seen_at, watch_at, paired_at, hostname,
      gateway, host, metrics)
    select ${team?.id ?? ""}, ${fleet?.id ?? ""}, 'agent-' || i, 'eu-west', 'online', 30, 60, now() - make_interval(secs => i % 30), 
      date_bin('1 minute', now() - make_interval(secs => i % 30), timestamptz 'epoch') + interval '90 seconds', now(), 'host-' || i,
      '{"url":"http://127.0.0.1:18789","reachable":true,"healthy":true,"rttMs":3.2}', '{"hostname":"h","os":"linux","arch":"x64","uptimeS":1}',
      '{"cpuPct":12.5,"memUsedPct":40,"memPressurePct":0.1,"diskReadBps":100,"diskWriteBps":200,"load1":0.3}'
    from generate_series(1, ${agents}) as i`;
  await sql`vacuum analyze agents`;
}

/** Makes LATE agents silent for 100 s (past interval + grace), as their last heartbeat would have left them. */
async function makeLate(sql: postgres.Sql) {
  await sql`
    update agents set status = 'online', last_seen_at = now() - interval '100 seconds',
      watch_at = date_bin('1 minute', now() - interval '100 seconds', timestamptz 'epoch') + interval '90 seconds'
    where id in (select id from agents order by id limit ${LATE})`;
}

async function timeCheck(sql: postgres.Sql, agents: number) {
  await seedFleet(sql, agents);
  const ms: number[] = [];
  let changed = 0;
  for (let i = 0; i < REPEAT; i++) {
    await makeLate(sql);
    const t = performance.now();
    const result = await sql.begin((tx) => checkStale(tx));
    ms.push(performance.now() - t);
    changed = result.stale + result.offline;
  }
  return { agents, changed, medianMs: +median(ms).toFixed(1), allMs: ms.map((m) => +m.toFixed(1)) };
}

/**
 * The scheduled job exactly as the server runs it every few seconds (`runJob("watch-stale")`: the
 * advisory lock, the run record and the check) over a fleet where nobody is late. Wall time on
 * loopback (an upper bound), and the database's own time: CPU of PostgreSQL's processes per check.
 */
async function timeIdleWatch(url: string, dir: string, agents: number) {
  process.env.DATA_DIR = dir;
  const { configureDatabase } = await import("../../lib/db/client");
  configureDatabase(url, 1);
  const { runJob } = await import("../../lib/server/jobs/run-job");
  await runJob("watch-stale", { force: true });
  const runs = REPEAT * 100;
  const pids = postgresPids(dir);
  const cpuBefore = cpuSeconds(pids);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const outcome = await runJob("watch-stale", { force: true });
    ms.push(performance.now() - t);
    if ((outcome.result as { examined: number }).examined !== 0) throw new Error("an agent was due in the idle check");
  }
  const dbMsPerCheck = ((cpuSeconds(postgresPids(dir)) - cpuBefore) * 1000) / runs;
  const sorted = [...ms].sort((a, b) => a - b);
  return { agents, runs, p50Ms: +percentile(sorted, 50).toFixed(2), p95Ms: +percentile(sorted, 95).toFixed(2), maxMs: +(sorted.at(-1) ?? 0).toFixed(2), dbCpuMsPerCheck: +dbMsPerCheck.toFixed(3) };
}

async function timePurge(sql: postgres.Sql, rows: number) {
  const ms: number[] = [];
  const reclaim: number[] = [];
  let dropped: string[] = [];
  for (let i = 0; i < REPEAT; i++) {
    await sql`select ensure_heartbeat_partitions(date '2020-01-01', 1)`;
    await sql`
      insert into heartbeats (team_id, agent_id, received_at, seq, status, cpu_pct)
      select (select id from teams limit 1), (select id from agents limit 1), timestamptz '2020-01-01 00:00Z' + make_interval(secs => i * 86399.0 / ${rows}), i, 'ok', 1
      from generate_series(1, ${rows}) as i`;
    await sql`checkpoint`;
    const t = performance.now();
    dropped = (await sql.begin((tx) => purgeHistory(tx))).dropped;
    ms.push(performance.now() - t);
    const r = performance.now();
    await dropRetired(sql);
    reclaim.push(performance.now() - r);
  }
  // The purge (detach, commit: the lock on the table ingest writes to) and, after it, the space reclaim.
  return { rows, medianMs: +median(ms).toFixed(1), allMs: ms.map((m) => +m.toFixed(1)), reclaimMedianMs: +median(reclaim).toFixed(1), dropped };
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-stale-"));
  const pg = await startEmbeddedPostgres({ dataDir: dir, fast: true });
  const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
  try {
    await migrate(sql);
    const small = await timeCheck(sql, arg("small", 10_000));
    const large = await timeCheck(sql, arg("agents", 100_000));
    // Nobody late: every agent's look is after its next heartbeat, as heartbeats leave it.
    await sql`update agents set status = 'online', last_seen_at = now(), watch_at = now() + interval '1 minute'`;
    await sql`vacuum analyze agents`;
    const idle = await timeIdleWatch(pg.url, dir, arg("agents", 100_000));
    const purgeSmall = await timePurge(sql, 1_000);
    const purgeLarge = await timePurge(sql, arg("rows", 1_000_000));
    const detection = DETECTION > 0 ? await measureDetection({ agents: DETECTION, spreadS: arg("spread", 60), port: arg("port", 3461), log: (l) => console.log(`[detection] ${l}`) }) : null;
    const summary = {
      check: { small, large, ratioLargeToSmall: +(large.medianMs / small.medianMs).toFixed(2) },
      idleWatch: idle,
      detection,
      purge: { small: purgeSmall, large: purgeLarge, ratioLargeToSmall: +(purgeLarge.medianMs / purgeSmall.medianMs).toFixed(2) },
    };
    console.log(JSON.stringify(summary, null, 2));
    console.log(`idle watch-stale (as the scheduler runs it): ${idle.agents} agents, database CPU ${idle.dbCpuMsPerCheck} ms per check; wall p50 ${idle.p50Ms} ms, p95 ${idle.p95Ms} ms`);
    if (detection) {
      console.log(`detection over ${detection.agents} agents: deadline → stale p50 ${detection.staleMs.p50} ms, p95 ${detection.staleMs.p95} ms, max ${detection.staleMs.max} ms; ` +
        `→ notification received p50 ${detection.notifiedMs.p50} ms, p95 ${detection.notifiedMs.p95} ms, max ${detection.notifiedMs.max} ms (${detection.notifications} notifications, ${detection.missing} agents not notified)`);
    }
    console.log(`check-stale: ${small.agents} agents ${small.medianMs} ms, ${large.agents} agents ${large.medianMs} ms (${LATE} changing each time); purge: ${purgeSmall.rows} rows ${purgeSmall.medianMs} ms, ${purgeLarge.rows} rows ${purgeLarge.medianMs} ms`);
  } finally {
    await sql.end();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
