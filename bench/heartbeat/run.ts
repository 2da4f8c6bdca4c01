// bench/heartbeat: N paired agents with real Ed25519 keys post signed heartbeats to a production
// server on loopback. Phases: throughput against the empty route of the same server, latency at
// half that rate, a burst on N connections, and durability across kill -9. See README.md here.
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { Pool } from "undici";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { attachServer, cpuSeconds, percentile, postgresPids, rssMiB, startServer, stopServer, type BenchServer } from "../lib/server";
import { createPairedAgents, nextHeartbeat, type SignedRequest, type SimAgent } from "./agents";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const AGENTS = arg("agents", 1000);
const CONNECTIONS = arg("connections", 100);
const SECONDS = arg("seconds", 10);
const PORT = arg("port", 3400);
// --url=http://127.0.0.1:PORT targets a server that is already running (no durability phase then).
const URL_ARG = process.argv.find((a) => a.startsWith("--url="))?.slice("--url=".length);

type Sample = { status: number; ms: number };
const summary = (samples: Sample[], seconds: number) => {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const ok = samples.filter((s) => s.status === 200).length;
  return { requests: samples.length, ok, errors: samples.length - ok, rps: Math.round(samples.length / seconds), p50: +percentile(ms, 50).toFixed(1), p99: +percentile(ms, 99).toFixed(1), max: +(ms.at(-1) ?? 0).toFixed(1) };
};

/** null: GET /api/ping; a request with `ping`: the same bytes POSTed to /api/ping; else a heartbeat. */
async function send(pool: Pool, req: (SignedRequest & { ping?: boolean }) | null): Promise<Sample> {
  const started = performance.now();
  const res = await pool.request(
    req
      ? { path: req.ping ? "/api/ping" : "/api/heartbeat", method: "POST", body: req.body, headers: { "content-type": "application/json", authorization: req.authorization } }
      : { path: "/api/ping", method: "GET" },
  );
  await res.body.dump();
  return { status: res.statusCode, ms: performance.now() - started };
}

/** Pre-signed heartbeats in seq order per agent, so signing costs nothing inside the timed window. */
async function presign(agents: SimAgent[], perAgent: number): Promise<SignedRequest[][]> {
  const queues: SignedRequest[][] = [];
  for (const agent of agents) {
    const q: SignedRequest[] = [];
    for (let i = 0; i < perAgent; i++) q.push(await nextHeartbeat(agent));
    queues.push(q);
  }
  return queues;
}

/** Closed loop: each connection sends its next request as soon as the previous one is answered. */
async function closedLoop(pool: Pool, seconds: number, next: (worker: number) => (SignedRequest & { ping?: boolean }) | null | undefined) {
  const samples: Sample[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, w) => {
      while (performance.now() < until) {
        const req = next(w);
        if (req === undefined) return;
        samples.push(await send(pool, req));
      }
    }),
  );
  // Requests/s over the time actually spent (shorter than asked if the pre-signed supply ran out).
  return summary(samples, Math.min(seconds, (performance.now() - started) / 1000));
}

function workerFeeder(queues: SignedRequest[][]) {
  const cursor = new Array<number>(CONNECTIONS).fill(0);
  return (w: number) => {
    // Worker w owns agents w, w + CONNECTIONS, …, so each agent's seq stays in order.
    const mine = Math.ceil((queues.length - w) / CONNECTIONS);
    for (let tries = 0; tries < mine; tries++) {
      const c = cursor[w] ?? 0;
      cursor[w] = c + 1;
      const q = queues[w + (c % mine) * CONNECTIONS];
      const req = q?.shift();
      if (req) return req;
    }
    return undefined;
  };
}

async function openLoop(pool: Pool, queues: SignedRequest[][], rate: number, seconds: number) {
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  let agent = 0;
  while (performance.now() - start < seconds * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    for (; sent < due; sent++) {
      const req = queues[agent]?.shift();
      agent = (agent + 1) % queues.length;
      if (req) pending.push(send(pool, req).then((s) => void samples.push(s), () => void samples.push({ status: 0, ms: 0 })));
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(pending);
  return summary(samples, seconds);
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-heartbeat-"));
  const limits = { RATE_LIMIT_HEARTBEATS_PER_MINUTE: "1000000", RATE_LIMIT_API_PER_MINUTE: "1000000", RATE_LIMIT_PAIRING_PER_HOUR: "1000000" };
  const server: BenchServer = URL_ARG ? attachServer(URL_ARG) : await startServer(PORT, { DATA_DIR: dataDir, ...limits });
  const pool = new Pool(server.url, { connections: CONNECTIONS, pipelining: 1 });
  const results: Record<string, unknown> = { agents: AGENTS, connections: CONNECTIONS, seconds: SECONDS };
  try {
    const t0 = performance.now();
    const agents = await createPairedAgents(server.url, AGENTS);
    results.setupS = +((performance.now() - t0) / 1000).toFixed(1);
    await closedLoop(pool, 2, () => null); // warm-up
    // CPU milliseconds per request spent by the server, PostgreSQL and this load generator.
    const cpu = async <T extends { requests: number }>(phase: () => Promise<T>) => {
      const pids = () => (URL_ARG ? [] : postgresPids(dataDir));
      const [s0, p0, c0] = [cpuSeconds([server.pid()]), cpuSeconds(pids()), process.cpuUsage()];
      const result = await phase();
      const c1 = process.cpuUsage(c0);
      const per = (seconds: number) => +((seconds * 1000) / result.requests).toFixed(2);
      return { ...result, cpuMsPerRequest: { server: per(cpuSeconds([server.pid()]) - s0), postgres: per(cpuSeconds(pids()) - p0), loadGenerator: per((c1.user + c1.system) / 1e6) } };
    };
    const ceiling = await cpu(() => closedLoop(pool, SECONDS, () => null));
    const [first] = agents;
    if (!first) throw new Error("no agents");
    // The same bytes and headers as a heartbeat, POSTed to the empty route.
    const sample = { ...(await nextHeartbeat(first)), ping: true };
    const postCeiling = await cpu(() => closedLoop(pool, SECONDS, () => sample));
    // Enough pre-signed heartbeats for three times the empty route's rate.
    const hbQueues = await presign(agents, Math.ceil((Math.max(ceiling.rps, postCeiling.rps) * SECONDS * 3) / AGENTS) + 2);
    await send(pool, hbQueues[0]?.shift() ?? null);
    const heartbeat = await cpu(() => closedLoop(pool, SECONDS, workerFeeder(hbQueues)));
    results.throughput = {
      emptyRoute: ceiling,
      emptyRoutePostSameBody: postCeiling,
      heartbeat,
      ratio: +(heartbeat.rps / ceiling.rps).toFixed(2),
      ratioToPostSameBody: +(heartbeat.rps / postCeiling.rps).toFixed(2),
      serverRssMiB: Math.round(rssMiB(server.pid())),
    };
    console.log("throughput", results.throughput);

    const rate = Math.round(heartbeat.rps / 2);
    const latencyPool = new Pool(server.url, { connections: AGENTS });
    const latency = await openLoop(latencyPool, await presign(agents, Math.ceil((rate * SECONDS) / AGENTS) + 1), rate, SECONDS);
    results.latency = { targetRps: rate, ...latency, serverRssMiB: Math.round(rssMiB(server.pid())) };
    console.log("latency", results.latency);

    const burstReqs = (await presign(agents, 1)).map((q) => q[0] ?? null);
    const burstPool = new Pool(server.url, { connections: AGENTS });
    await Promise.all(Array.from({ length: 50 }, () => send(burstPool, null))); // open some sockets first
    const burstStart = performance.now();
    const burst = await Promise.all(burstReqs.map((r) => send(burstPool, r).catch(() => ({ status: 0, ms: performance.now() - burstStart }))));
    results.burst = { ...summary(burst, (performance.now() - burstStart) / 1000), lastAnsweredMs: Math.round(performance.now() - burstStart) };
    console.log("burst", results.burst);
    await latencyPool.close();
    await burstPool.close();

    if (!URL_ARG) results.durability = await durability(server, pool, agents, rate, dataDir);
    console.log("durability", results.durability);
  } finally {
    await pool.close().catch(() => {});
    if (!URL_ARG) await stopServer(server).catch(() => {});
  }
  console.log(JSON.stringify(results));
}

/**
 * kill -9 the server and its PostgreSQL while heartbeats flow; after PostgreSQL recovers, every
 * heartbeat that was answered 200 must be in the database.
 */
async function durability(server: BenchServer, pool: Pool, agents: SimAgent[], rate: number, dataDir: string) {
  const acknowledged: Array<[string, number]> = [];
  const queues = await presign(agents, Math.ceil((rate * 4) / AGENTS) + 1);
  const serverPid = server.pid();
  const postmasterPid = Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
  setTimeout(() => {
    process.kill(serverPid, "SIGKILL");
    process.kill(postmasterPid, "SIGKILL");
  }, 2000);
  let agent = 0;
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  while (performance.now() - start < 3000) {
    const req = queues[agent]?.shift();
    agent = (agent + 1) % queues.length;
    if (req) inflight.push(send(pool, req).then((s) => { if (s.status === 200) acknowledged.push([req.agentId, req.seq]); }, () => {}));
    await new Promise((r) => setTimeout(r, 1000 / Math.min(rate, 1000)));
  }
  await Promise.allSettled(inflight);
  await new Promise((r) => server.child.once("exit", r));
  // Start PostgreSQL again on the same data: crash recovery replays the WAL; then look every one up.
  const pg = await startEmbeddedPostgres({ dataDir });
  const sql = postgres(pg.url, { max: 1 });
  const rows = await sql<{ agent_id: string; seq: string }[]>`
    select agent_id, seq from heartbeats where (agent_id, seq) in (
      select a::uuid, s::bigint from unnest(${acknowledged.map((a) => a[0])}::text[], ${acknowledged.map((a) => String(a[1]))}::text[]) as t(a, s))`;
  await sql.end();
  await pg.stop();
  return { acknowledgedBeforeKill: acknowledged.length, foundAfterRecovery: rows.length, lost: acknowledged.length - rows.length };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
