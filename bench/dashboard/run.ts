// bench/dashboard: 10,000 agents with 7 days of 30-second heartbeat history (seeded in SQL), then
// the dashboard's reads timed over loopback, and the delay from a heartbeat's 200 to a real browser
// receiving it on /api/stream. See bench/README.md.
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { postgresPids, rssMiB, startServer, stopServer, type BenchServer } from "../lib/server";
import { measureDelay, pairAgents } from "./browser-delay";
import { measureReads, table } from "./measure";
import { embeddedUrl, seedAgents, seedHistory } from "./seed";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const AGENTS = arg("agents", 10_000);
const DAYS = arg("days", 7);
const HISTORY_AGENTS = Math.min(AGENTS, arg("history-agents", AGENTS));
const SAMPLES = arg("samples", 50);
const PORT = arg("port", 3530);
const PARALLEL = arg("parallel", 2);
const LIVE_AGENTS = arg("live-agents", 1000);
const INTERVAL_S = arg("interval-s", 5);
const DELAY_SECONDS = arg("delay-seconds", 60);
const TRACED = arg("traced", 50);
const PAGE = process.argv.find((a) => a.startsWith("--page="))?.slice("--page=".length) ?? "/dashboard";

async function api<T>(server: BenchServer, route: string, body: Record<string, unknown>, cookie = ""): Promise<{ json: T; cookie: string }> {
  const res = await fetch(`${server.url}${route}`, { method: "POST", headers: { "content-type": "application/json", origin: server.url, cookie }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${route}: ${res.status} ${await res.text()}`);
  return { json: (await res.json()) as T, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") || cookie };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-dashboard-"));
  let server: BenchServer | null = null;
  const cleanup = async () => {
    if (server) await stopServer(server).catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
  try {
    const limits = { RATE_LIMIT_HEARTBEATS_PER_MINUTE: "1000000", RATE_LIMIT_API_PER_MINUTE: "1000000", RATE_LIMIT_PAIRING_PER_HOUR: "1000000" };
    const s = await startServer(PORT, { DATA_DIR: dataDir, ...limits });
    server = s;
    const { json: signup, cookie } = await api<{ team: { id: string } }>(s, "/api/auth/signup", { email: `dash-${Date.now()}@example.test`, password: "benchmark password 1" });
    const fleetIds: string[] = [];
    for (const name of ["Production US", "Production EU", "Production APAC", "Staging"]) {
      fleetIds.push((await api<{ fleet: { id: string } }>(s, "/api/fleets", { name }, cookie)).json.fleet.id);
    }
    const pgUrl = embeddedUrl(dataDir);
    const sql = postgres(pgUrl, { max: 1, onnotice: () => {} });
    const t0 = performance.now();
    const agents = await seedAgents(sql, signup.team.id, fleetIds, AGENTS, DAYS);
    await sql.end();
    const agentsS = +((performance.now() - t0) / 1000).toFixed(1);
    console.log(`seeded ${agents.length} agents in ${agentsS} s`);
    const withHistory = agents.filter((a) => a.ord <= HISTORY_AGENTS);
    const history = await seedHistory(pgUrl, signup.team.id, withHistory, DAYS, PARALLEL);
    console.log("history", history);

    const target = withHistory.find((a) => a.status === "online") ?? withHistory[0];
    if (!target) throw new Error("no agent with history");
    const reads = await measureReads(s.url, cookie, target.id, SAMPLES, (name, t) => console.log(name, JSON.stringify(t)));
    const rssAfterReads = Math.round(rssMiB(s.pid()));
    const loadDuringReads = +(loadavg()[0] ?? 0).toFixed(2);

    const live = (await api<{ fleet: { id: string } }>(s, "/api/fleets", { name: "Live" }, cookie)).json.fleet.id;
    const t1 = performance.now();
    const paired = await pairAgents(s.url, cookie, live, LIVE_AGENTS);
    console.log(`paired ${paired.length} agents in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const delay = await measureDelay({ url: s.url, page: PAGE, cookie, agents: paired, intervalS: INTERVAL_S, seconds: DELAY_SECONDS, traced: TRACED, serverPid: s.pid(), postgresPids: () => postgresPids(dataDir) });

    const results = {
      agents: AGENTS, days: DAYS, historyAgents: HISTORY_AGENTS, samples: SAMPLES,
      seed: { agentsS, ...history },
      reads,
      loadAverage1mAfterReads: loadDuringReads,
      heartbeatToBrowser: delay,
      serverRssMiB: { afterReads: rssAfterReads, afterStream: Math.round(rssMiB(s.pid())) },
    };
    console.log(`\n${table(reads)}`);
    const d = delay.delayMs;
    console.log(`heartbeat -> browser: p50 ${d.p50} ms, p95 ${d.p95} ms, max ${d.max} ms; ${d.received}/${d.tracedAnswered200} traced received, ${d.lost} lost`);
    console.log(JSON.stringify(results));
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
