// bench/stale: the stale check over a large fleet where a few agents change, and the purge of one
// day's history partition at a thousand and at a million rows. Runs the jobs' own code against a
// fresh embedded PostgreSQL (no HTTP: the routes only add a bearer check around the same call).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { checkStale } from "../../lib/server/jobs/check-stale";
import { dropRetired, purgeHistory } from "../../lib/server/jobs/purge";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const LATE = arg("late", 1000);
const REPEAT = arg("repeat", 5);
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
    const purgeSmall = await timePurge(sql, 1_000);
    const purgeLarge = await timePurge(sql, arg("rows", 1_000_000));
    const summary = {
      check: { small, large, ratioLargeToSmall: +(large.medianMs / small.medianMs).toFixed(2) },
      purge: { small: purgeSmall, large: purgeLarge, ratioLargeToSmall: +(purgeLarge.medianMs / purgeSmall.medianMs).toFixed(2) },
    };
    console.log(JSON.stringify(summary, null, 2));
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
